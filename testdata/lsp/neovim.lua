-- Headless Neovim (0.7.2 and later) as a real LSP client of 'replylint lsp':
-- it opens a clean draft, types a bad line without saving, waits for
-- replylint's diagnostics of the unsaved buffer, applies the preferred code
-- action and checks the buffer text; it hovers on a finding, then asks for
-- the "disable for this line" action and applies that too. Run by
-- scripts/lsp-neovim.sh;
-- any failure ends Neovim with exit code 1.
local bin = assert(os.getenv("REPLYLINT"), "REPLYLINT is not set")
local dir = assert(os.getenv("WORKDIR"), "WORKDIR is not set")
local file = dir .. "/draft.txt"

local function log(...)
  io.stderr:write(table.concat(vim.tbl_map(tostring, { ... }), " ") .. "\n")
end

local function fail(msg)
  log("FAIL: " .. msg)
  vim.cmd("cquit 1")
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

local function lines(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

local function diagnostics_of(buf, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then
      table.insert(out, d)
    end
  end
  return out
end

local function code_actions(client, buf, d)
  local lsp_diag = d.user_data and d.user_data.lsp or {}
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = {
      start = { line = d.lnum, character = d.col },
      ["end"] = { line = d.end_lnum, character = d.end_col },
    },
    context = { diagnostics = { vim.tbl_extend("keep", lsp_diag, {
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      message = d.message, severity = d.severity, code = d.code, source = d.source,
    }) } },
  }
  local res, err = client.request_sync("textDocument/codeAction", params, 10000, buf)
  check(res and not res.err, "codeAction failed: " .. vim.inspect(err or (res and res.err)))
  return res.result or {}
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local on_disk = table.concat(vim.fn.readfile(file), "\n")
  local id = vim.lsp.start_client({
    name = "replylint",
    cmd = { bin, "lsp" },
    root_dir = dir,
    init_options = { debounceMs = 50 },
  })
  check(id, "start_client failed")
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)
  check(vim.wait(20000, function() return client.initialized end, 20), "the server did not initialize")

  -- The clean draft has no findings of the rules below.
  check(#diagnostics_of(buf, "style-spacing") == 0, "clean draft has a spacing finding")

  -- An unsaved edit: a run-together sentence and a review request.
  vim.api.nvim_buf_set_lines(buf, 2, 2, false, {
    "The blender arrived broken.Honestly we are sorry.",
    "Please remove your 1-star review.",
  })
  check(vim.wait(20000, function()
    return #diagnostics_of(buf, "style-spacing") == 1 and #diagnostics_of(buf, "review-manipulation") == 1
  end, 20), "no diagnostics for the unsaved edit; got " .. vim.inspect(vim.diagnostic.get(buf)))
  check(table.concat(vim.fn.readfile(file), "\n") == on_disk, "the file on disk changed")
  log("diagnostics for the unsaved buffer:", #vim.diagnostic.get(buf))

  -- The preferred quick fix of the spacing finding.
  local d = diagnostics_of(buf, "style-spacing")[1]
  local preferred
  for _, a in ipairs(code_actions(client, buf, d)) do
    if a.isPreferred then
      preferred = a
    end
  end
  check(preferred and preferred.edit, "no preferred code action")
  log("applying:", preferred.title)
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or "utf-16")
  local got = lines(buf)[3]
  check(got == "The blender arrived broken. Honestly we are sorry.", "buffer line 3 after the fix: " .. vim.inspect(got))
  -- The server saw the edit (didChange) and drops the finding.
  check(vim.wait(20000, function() return #diagnostics_of(buf, "style-spacing") == 0 end, 20),
    "the spacing finding stayed after the fix")

  -- Hover on the review request explains the rule.
  d = diagnostics_of(buf, "review-manipulation")[1]
  check(d, "review-manipulation finding gone too early")
  local hover = client.request_sync("textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = d.lnum, character = d.col },
  }, 10000, buf)
  check(hover and hover.result and hover.result.contents.value:find("review%-manipulation") and hover.result.contents.value:find("Why:"),
    "hover: " .. vim.inspect(hover))

  -- Disable review-manipulation for its line, with a reason to fill in.
  local disable
  for _, a in ipairs(code_actions(client, buf, d)) do
    if a.title:find("^Disable review%-manipulation") then
      disable = a
    end
  end
  check(disable, "no disable action")
  log("applying:", disable.title)
  vim.lsp.util.apply_workspace_edit(disable.edit, client.offset_encoding or "utf-16")
  local l = lines(buf)
  check(l[4]:find("^<!%-%- replylint%-disable%-next%-line review%-manipulation %-%- ") ~= nil, "line 4: " .. vim.inspect(l[4]))
  check(l[5] == "Please remove your 1-star review.", "line 5: " .. vim.inspect(l[5]))
  check(vim.wait(20000, function() return #diagnostics_of(buf, "review-manipulation") == 0 end, 20),
    "the suppression did not silence the rule")
  log("buffer after the code actions:\n" .. table.concat(l, "\n"))

  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 20)
end

local ok, err = pcall(run)
if not ok then
  fail(tostring(err))
else
  log("neovim LSP test passed")
  vim.cmd("qall!")
end
