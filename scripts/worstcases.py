#!/usr/bin/env python3
"""Writes the worst-case inputs of scripts/worstcases.sh into the folder named
by the first argument: long lines with many findings, minified JSON exports,
YAML alias bombs, large plain YAML collections and an oversized rule file."""
import json, sys, os
d = sys.argv[1]
def w(name, s):
    open(os.path.join(d, name), "w").write(s)
# long line with many findings
for k, n in (("1", 650), ("2", 1300), ("4", 2600)):
    w(f"line{k}.txt", "Hi,\n" + "a.bc x@y.de shop dot com " * n + "\n")
# 100k-character line (plain words + a few findings)
for k, n in (("1", 25000), ("2", 50000), ("4", 100000)):
    w(f"long{k}.txt", "Hi,\n" + ("word " * (n // 5)) + "visit example.com now\n")
tpl = "Hello {{name}}, sorry for the delay. Please leave us a 5-star review at www.shop.com or mail help@shop.com. Thanks!"
for k, n in (("1", 625), ("2", 1250), ("4", 2500), ("10k", 10000)):
    json.dump([{"name": f"t{i}", "body": tpl} for i in range(n)], open(os.path.join(d, f"export{k}.json"), "w"), separators=(",", ":"))
# YAML alias bomb: a: &a "<100KB>", b: [*a x N]
for k, n in (("1", 1000), ("2", 2000), ("4", 4000), ("8000", 8000)):
    w(f"alias{k}.yaml", 'a: &a "' + "x" * 100000 + '"\nb: [' + ", ".join(["*a"] * n) + "]\n")
# plain large collection
for k, n in (("10k", 10000), ("20k", 20000), ("40k", 40000)):
    w(f"coll{k}.yaml", "".join(f"- name: t{i}\n  body: Hello, thanks for your order number {i}. Sorry for the delay, we will ship today.\n" for i in range(n)))
# huge rule file: one rule of 450,000 phrases (11 MB)
os.makedirs(d + "/bigrules", exist_ok=True)
w("bigrules/big.yaml", "id: big-rule\nkind: phrase\ndescription: big\nseverity: warning\nmessage: big\nmatch:\n  en:\n    phrases:\n"
  + "".join(f"      - word{i} thing\n" for i in range(450000)) + "examples:\n  bad: [\"word1 thing\"]\n  good: [\"nothing\"]\n")
