// replylint's page for support agents: type or paste a draft, see what
// would get it blocked, apply suggestions with one click. Plain JavaScript,
// no build step, no outside requests: the draft goes only to this server's
// /v1/check and /v1/fix. Offsets come from the API in UTF-16 code units
// (utf16Offset), which is how JavaScript strings count.
"use strict";

(function () {
  const UI = {
    en: { skip: "Skip to the draft", tagline: "Check a reply before it goes to the buyer.", score: "Score", settings: "Settings",
      channel: "Channel", marketplace: "Marketplace", kind: "Kind of message", kindAuto: "Detect", kindComplaint: "Reply to a complaint",
      kindReply: "Reply", kindProactive: "Proactive message", buyerToggle: "Buyer's message (optional)", buyer: "Buyer's message",
      token: "Access token", draft: "Your reply", placeholder: "Type or paste your reply to the buyer…", copyFixed: "Copy the fixed text",
      fixedText: "Fixed text", findings: "Findings", none: "No problems found.",
      privacy: "Your draft is sent only to this replylint server and is not stored or logged.",
      checking: "Checking…", checked: "Checked.", copied: "Fixed text copied to the clipboard.", copyFailed: "Could not copy: select the fixed text below and copy it.",
      needToken: "This server needs an access token.", failed: "The check failed: ", apply: "Apply", remove: "Remove", unsafe: "review first",
      error: "error", warning: "warning", info: "info", line: "line", block: "Do not send", warn: "Check before sending", pass: "Ready to send",
      applied: "Suggestion applied." },
    de: { skip: "Zum Entwurf springen", tagline: "Prüfen Sie eine Antwort, bevor sie an den Käufer geht.", score: "Punktzahl", settings: "Einstellungen",
      channel: "Kanal", marketplace: "Marktplatz", kind: "Art der Nachricht", kindAuto: "Erkennen", kindComplaint: "Antwort auf eine Beschwerde",
      kindReply: "Antwort", kindProactive: "Proaktive Nachricht", buyerToggle: "Nachricht des Käufers (optional)", buyer: "Nachricht des Käufers",
      token: "Zugangstoken", draft: "Ihre Antwort", placeholder: "Antwort an den Käufer eingeben oder einfügen…", copyFixed: "Korrigierten Text kopieren",
      fixedText: "Korrigierter Text", findings: "Befunde", none: "Keine Probleme gefunden.",
      privacy: "Ihr Entwurf wird nur an diesen replylint-Server gesendet und weder gespeichert noch protokolliert.",
      checking: "Wird geprüft…", checked: "Geprüft.", copied: "Korrigierter Text in die Zwischenablage kopiert.", copyFailed: "Kopieren fehlgeschlagen: Markieren und kopieren Sie den Text unten.",
      needToken: "Dieser Server verlangt ein Zugangstoken.", failed: "Die Prüfung ist fehlgeschlagen: ", apply: "Übernehmen", remove: "Entfernen", unsafe: "erst prüfen",
      error: "Fehler", warning: "Warnung", info: "Hinweis", line: "Zeile", block: "Nicht senden", warn: "Vor dem Senden prüfen", pass: "Bereit zum Senden",
      applied: "Vorschlag übernommen." },
    fr: { skip: "Aller au brouillon", tagline: "Vérifiez une réponse avant qu'elle parte chez l'acheteur.", score: "Score", settings: "Réglages",
      channel: "Canal", marketplace: "Place de marché", kind: "Type de message", kindAuto: "Détecter", kindComplaint: "Réponse à une réclamation",
      kindReply: "Réponse", kindProactive: "Message proactif", buyerToggle: "Message de l'acheteur (facultatif)", buyer: "Message de l'acheteur",
      token: "Jeton d'accès", draft: "Votre réponse", placeholder: "Saisissez ou collez votre réponse à l'acheteur…", copyFixed: "Copier le texte corrigé",
      fixedText: "Texte corrigé", findings: "Constats", none: "Aucun problème trouvé.",
      privacy: "Votre brouillon n'est envoyé qu'à ce serveur replylint ; il n'est ni conservé ni journalisé.",
      checking: "Vérification…", checked: "Vérifié.", copied: "Texte corrigé copié dans le presse-papiers.", copyFailed: "Copie impossible : sélectionnez le texte corrigé ci-dessous et copiez-le.",
      needToken: "Ce serveur demande un jeton d'accès.", failed: "La vérification a échoué : ", apply: "Appliquer", remove: "Supprimer", unsafe: "à relire",
      error: "erreur", warning: "avertissement", info: "info", line: "ligne", block: "Ne pas envoyer", warn: "À vérifier avant l'envoi", pass: "Prêt à envoyer",
      applied: "Suggestion appliquée." },
    es: { skip: "Ir al borrador", tagline: "Revise una respuesta antes de que llegue al comprador.", score: "Puntuación", settings: "Ajustes",
      channel: "Canal", marketplace: "Marketplace", kind: "Tipo de mensaje", kindAuto: "Detectar", kindComplaint: "Respuesta a una queja",
      kindReply: "Respuesta", kindProactive: "Mensaje proactivo", buyerToggle: "Mensaje del comprador (opcional)", buyer: "Mensaje del comprador",
      token: "Token de acceso", draft: "Su respuesta", placeholder: "Escriba o pegue su respuesta al comprador…", copyFixed: "Copiar el texto corregido",
      fixedText: "Texto corregido", findings: "Hallazgos", none: "No se encontraron problemas.",
      privacy: "Su borrador solo se envía a este servidor replylint; no se guarda ni se registra.",
      checking: "Revisando…", checked: "Revisado.", copied: "Texto corregido copiado al portapapeles.", copyFailed: "No se pudo copiar: seleccione el texto corregido de abajo y cópielo.",
      needToken: "Este servidor necesita un token de acceso.", failed: "La revisión falló: ", apply: "Aplicar", remove: "Eliminar", unsafe: "revisar antes",
      error: "error", warning: "aviso", info: "info", line: "línea", block: "No enviar", warn: "Revisar antes de enviar", pass: "Listo para enviar",
      applied: "Sugerencia aplicada." },
    it: { skip: "Vai alla bozza", tagline: "Controlla una risposta prima che arrivi all'acquirente.", score: "Punteggio", settings: "Impostazioni",
      channel: "Canale", marketplace: "Marketplace", kind: "Tipo di messaggio", kindAuto: "Rileva", kindComplaint: "Risposta a un reclamo",
      kindReply: "Risposta", kindProactive: "Messaggio proattivo", buyerToggle: "Messaggio dell'acquirente (facoltativo)", buyer: "Messaggio dell'acquirente",
      token: "Token di accesso", draft: "La tua risposta", placeholder: "Scrivi o incolla la risposta all'acquirente…", copyFixed: "Copia il testo corretto",
      fixedText: "Testo corretto", findings: "Segnalazioni", none: "Nessun problema trovato.",
      privacy: "La bozza viene inviata solo a questo server replylint e non viene salvata né registrata.",
      checking: "Controllo in corso…", checked: "Controllato.", copied: "Testo corretto copiato negli appunti.", copyFailed: "Impossibile copiare: seleziona il testo corretto qui sotto e copialo.",
      needToken: "Questo server richiede un token di accesso.", failed: "Il controllo non è riuscito: ", apply: "Applica", remove: "Rimuovi", unsafe: "da rivedere",
      error: "errore", warning: "avviso", info: "info", line: "riga", block: "Non inviare", warn: "Controllare prima dell'invio", pass: "Pronto per l'invio",
      applied: "Suggerimento applicato." },
    ja: { skip: "下書きへ移動", tagline: "購入者に送る前に返信をチェックします。", score: "スコア", settings: "設定",
      channel: "チャネル", marketplace: "マーケットプレイス", kind: "メッセージの種類", kindAuto: "自動判定", kindComplaint: "苦情への返信",
      kindReply: "返信", kindProactive: "こちらからの連絡", buyerToggle: "購入者のメッセージ（任意）", buyer: "購入者のメッセージ",
      token: "アクセストークン", draft: "あなたの返信", placeholder: "購入者への返信を入力または貼り付けてください…", copyFixed: "修正後のテキストをコピー",
      fixedText: "修正後のテキスト", findings: "指摘事項", none: "問題は見つかりませんでした。",
      privacy: "下書きはこの replylint サーバーにだけ送られ、保存も記録もされません。",
      checking: "チェック中…", checked: "チェックしました。", copied: "修正後のテキストをクリップボードにコピーしました。", copyFailed: "コピーできませんでした。下の修正後のテキストを選択してコピーしてください。",
      needToken: "このサーバーにはアクセストークンが必要です。", failed: "チェックに失敗しました: ", apply: "適用", remove: "削除", unsafe: "要確認",
      error: "エラー", warning: "警告", info: "情報", line: "行", block: "送信しないでください", warn: "送信前に確認してください", pass: "送信できます",
      applied: "提案を適用しました。" },
    zh: { skip: "跳到草稿", tagline: "在回复发给买家之前先检查一遍。", score: "得分", settings: "设置",
      channel: "渠道", marketplace: "站点", kind: "消息类型", kindAuto: "自动识别", kindComplaint: "投诉回复",
      kindReply: "回复", kindProactive: "主动消息", buyerToggle: "买家的消息（可选）", buyer: "买家的消息",
      token: "访问令牌", draft: "你的回复", placeholder: "输入或粘贴给买家的回复…", copyFixed: "复制修正后的文本",
      fixedText: "修正后的文本", findings: "检查结果", none: "没有发现问题。",
      privacy: "草稿只发送到这个 replylint 服务器，不会被保存或记录。",
      checking: "正在检查…", checked: "已检查。", copied: "修正后的文本已复制到剪贴板。", copyFailed: "无法复制：请选中下面修正后的文本并复制。",
      needToken: "此服务器需要访问令牌。", failed: "检查失败：", apply: "应用", remove: "删除", unsafe: "需复核",
      error: "错误", warning: "警告", info: "提示", line: "行", block: "请勿发送", warn: "发送前请检查", pass: "可以发送",
      applied: "已应用建议。" },
  };

  // The page follows the browser's language; the API gets the same list
  // through Accept-Language and the explicit locale below.
  function pickLocale() {
    const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "en"];
    for (const l of langs) {
      const p = String(l).toLowerCase().split(/[-_]/)[0];
      if (UI[p]) return p;
    }
    return "en";
  }
  const locale = pickLocale();
  const T = UI[locale];
  const $ = (id) => document.getElementById(id);
  const draft = $("draft"), highlights = $("highlights"), list = $("findings"), status = $("status");
  let seq = 0, timer = 0, inflight = null, last = null, activeIndex = -1, painted = "", marks = [];

  function translatePage() {
    document.documentElement.lang = locale;
    for (const el of document.querySelectorAll("[data-i18n]")) {
      const k = el.getAttribute("data-i18n");
      if (T[k]) el.textContent = T[k];
    }
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) {
      const k = el.getAttribute("data-i18n-placeholder");
      if (T[k]) el.setAttribute("placeholder", T[k]);
    }
  }

  // A draft can come in the URL fragment (#text=...&channel=ebay): the
  // fragment never leaves the browser, so the draft never reaches a log.
  function loadFragment() {
    if (!location.hash || location.hash.length < 2) return;
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.has("text")) draft.value = p.get("text");
    for (const id of ["channel", "marketplace", "kind"]) if (p.has(id)) $(id).value = p.get(id);
    if (p.has("inReplyTo")) { $("buyer").value = p.get("inReplyTo"); $("buyerbox").open = true; }
  }

  function request() {
    const body = { text: draft.value, channel: $("channel").value, locale: locale };
    const mp = $("marketplace").value.trim(); if (mp) body.marketplace = mp;
    const kind = $("kind").value; if (kind) body.kind = kind;
    const buyer = $("buyer").value; if (buyer.trim()) body.inReplyTo = buyer;
    return body;
  }

  async function call(path, body, signal) {
    const headers = { "Content-Type": "application/json" };
    const token = sessionStorage.getItem("replylint-token") || "";
    if (token) headers.Authorization = "Bearer " + token;
    const res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body), signal, credentials: "same-origin" });
    const data = await res.json().catch(() => null);
    if (res.status === 401) { $("tokenbox").hidden = false; throw new Error(T.needToken); }
    if (!res.ok) throw new Error((data && data.error && data.error.message) || res.statusText);
    return data;
  }

  function schedule(delay) {
    // The list is stale until the answer for the current text comes.
    list.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(check, delay === undefined ? 300 : delay);
  }

  async function check() {
    const text = draft.value;
    if (!text.trim()) { render(null); status.textContent = ""; list.removeAttribute("aria-busy"); return; }
    const mine = ++seq;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    status.textContent = T.checking;
    try {
      const data = await call("v1/check", request(), inflight.signal);
      // An answer for older text is dropped: the agent typed on.
      if (mine !== seq || draft.value !== text) return;
      data.text = text;
      render(data);
      list.removeAttribute("aria-busy");
      status.textContent = T.checked;
    } catch (e) {
      if (e.name === "AbortError") return;
      list.removeAttribute("aria-busy");
      status.textContent = T.failed + e.message;
    }
  }

  function esc(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // follow moves the marks with an edit until the next answer comes: marks
  // before the edited stretch stay, marks after it shift by the change in
  // length, and marks it touched are dropped (the check will redo them).
  function follow(text) {
    if (!marks.length || painted === text) return;
    const old = painted;
    let p = 0;
    while (p < old.length && p < text.length && old[p] === text[p]) p++;
    let q = 0;
    while (q < old.length - p && q < text.length - p && old[old.length - 1 - q] === text[text.length - 1 - q]) q++;
    const oldEnd = old.length - q, delta = text.length - old.length;
    activeIndex = -1;
    marks = marks.filter((f) => f.utf16EndOffset <= p || f.utf16Offset >= oldEnd).map((f) => {
      if (f.utf16Offset < oldEnd) return f;
      return Object.assign({}, f, { utf16Offset: f.utf16Offset + delta, utf16EndOffset: f.utf16EndOffset + delta });
    });
  }

  // paint draws the marks behind the textarea: one <mark> per non-empty
  // finding range (overlaps are clipped to keep the text in order).
  function paint() {
    const text = draft.value;
    const fs = marks;
    let html = "", at = 0;
    fs.forEach((f, i) => {
      const s = Math.max(f.utf16Offset, at), e = f.utf16EndOffset;
      if (e <= s) return;
      html += esc(text.slice(at, s));
      html += '<mark class="' + f.severity + (i === activeIndex ? " active" : "") + '" data-i="' + i + '">' + esc(text.slice(s, e)) + "</mark>";
      at = e;
    });
    // A final line break needs a character after it to take up a line.
    html += esc(text.slice(at)) + "\n";
    highlights.innerHTML = html;
    painted = text;
    highlights.scrollTop = draft.scrollTop;
  }

  function render(data) {
    last = data;
    marks = data ? data.findings.slice() : [];
    activeIndex = -1;
    list.textContent = "";
    const fs = data ? data.findings : [];
    $("empty").hidden = fs.length > 0 || !data;
    $("count").textContent = data ? "(" + fs.length + ")" : "";
    $("score").textContent = data ? String(data.score) : "–";
    $("grade").textContent = data ? data.grade : "–";
    const v = $("verdict");
    v.className = "verdict" + (data ? " " + data.verdict : "");
    v.textContent = data ? T[data.verdict] || data.verdict : "";
    fs.forEach((f, i) => list.appendChild(item(f, i)));
    paint();
  }

  function item(f, i) {
    const li = document.createElement("li");
    li.className = "finding " + f.severity;
    li.dataset.rule = f.rule;
    const head = document.createElement("div");
    head.className = "head";
    const sev = document.createElement("span");
    sev.className = "sev";
    sev.textContent = T[f.severity] || f.severity;
    const where = document.createElement("button");
    where.type = "button";
    where.className = "where";
    where.textContent = T.line + " " + f.line + ":" + f.column;
    where.addEventListener("click", () => select(i));
    const rule = document.createElement("a");
    rule.className = "rule";
    rule.href = "v1/rules/" + encodeURIComponent(f.rule);
    rule.textContent = f.rule;
    head.append(sev, where, rule);
    const msg = document.createElement("p");
    msg.className = "msg";
    msg.textContent = f.message;
    li.append(head, msg);
    const fixes = document.createElement("div");
    fixes.className = "fixes";
    f.suggestions.forEach((s) => {
      if (!s.edits.length) return;
      const b = document.createElement("button");
      b.type = "button";
      b.className = "apply";
      b.dataset.safe = String(s.safe);
      b.textContent = label(f, s);
      b.title = s.description;
      b.setAttribute("aria-label", b.textContent + ". " + s.description);
      if (!s.safe) {
        const u = document.createElement("span");
        u.className = "unsafe";
        u.textContent = " (" + T.unsafe + ")";
        b.appendChild(u);
      }
      b.addEventListener("click", () => apply(s));
      fixes.appendChild(b);
    });
    if (fixes.childNodes.length) li.appendChild(fixes);
    return li;
  }

  // label says what a suggestion does in the words of the text: the match
  // as it would read, what it inserts, or what it removes.
  function label(f, s) {
    const text = draft.value;
    const short = (x) => { x = x.replace(/\s+/g, " ").trim(); return x.length > 120 ? x.slice(0, 117) + "…" : x; };
    if (s.edits.length === 1 && f.utf16EndOffset > f.utf16Offset) {
      const e = s.edits[0];
      if (e.utf16Offset >= f.utf16Offset && e.utf16EndOffset <= f.utf16EndOffset) {
        const after = text.slice(f.utf16Offset, e.utf16Offset) + e.newText + text.slice(e.utf16EndOffset, f.utf16EndOffset);
        if (after.trim()) return T.apply + ": “" + short(after) + "”";
      }
    }
    const inserted = s.edits.map((e) => e.newText.trim()).filter(Boolean).join(" … ");
    if (inserted) return T.apply + ": “" + short(inserted) + "”";
    return T.remove + ": “" + short(s.edits.map((e) => text.slice(e.utf16Offset, e.utf16EndOffset)).join(" … ")) + "”";
  }

  // select puts the caret on a finding's range, so the keyboard can go
  // from the list to the text.
  function select(i) {
    const f = last && last.findings[i];
    if (!f) return;
    activeIndex = i;
    paint();
    draft.focus();
    draft.setSelectionRange(f.utf16Offset, f.utf16EndOffset);
  }

  // apply rewrites the draft with one suggestion's edits, last edit first
  // so the earlier offsets stay right, then checks again at once.
  function apply(s) {
    // Offsets are those of the text that was checked: after more typing,
    // check again first.
    if (!last || draft.value !== last.text) { schedule(0); return; }
    let text = draft.value;
    const edits = s.edits.slice().sort((a, b) => b.utf16Offset - a.utf16Offset);
    for (const e of edits) text = text.slice(0, e.utf16Offset) + e.newText + text.slice(e.utf16EndOffset);
    draft.value = text;
    draft.dispatchEvent(new Event("input"));
    status.textContent = T.applied;
    schedule(0);
    draft.focus();
  }

  async function copyFixed() {
    const out = $("fixed");
    try {
      const data = await call("v1/fix", request());
      out.value = data.text || "";
      out.hidden = false;
      try {
        await navigator.clipboard.writeText(out.value);
        status.textContent = T.copied;
      } catch (e) {
        out.focus();
        out.select();
        status.textContent = T.copyFailed;
      }
    } catch (e) {
      status.textContent = T.failed + e.message;
    }
  }

  translatePage();
  loadFragment();
  draft.addEventListener("input", () => { follow(draft.value); paint(); schedule(); });
  draft.addEventListener("scroll", () => { highlights.scrollTop = draft.scrollTop; });
  for (const id of ["channel", "marketplace", "kind", "buyer"]) $(id).addEventListener("input", () => schedule());
  $("channel").addEventListener("change", () => schedule(0));
  $("kind").addEventListener("change", () => schedule(0));
  $("token").addEventListener("change", (e) => { sessionStorage.setItem("replylint-token", e.target.value.trim()); schedule(0); });
  $("copyfixed").addEventListener("click", copyFixed);
  if (draft.value) schedule(0);
})();
