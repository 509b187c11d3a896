package config

// Starter is the commented config that 'replylint init' writes.
const Starter = `# replylint configuration. replylint looks for this file in each linted
# file's folder and above it; --config names one explicitly.

# Channel whose policy applies: amazon, ebay, walmart, tiktok, shopify.
channel: amazon

# Marketplace whose language buyers expect (amazon.de expects German).
# marketplace: amazon.com

# template: placeholders such as {{buyer_name}} are expected.
# draft: every placeholder must be filled in before sending.
mode: template

# Message kind when it cannot be told from the file: complaint-reply, reply,
# proactive. Leave it out to detect it from the text.
# kind: complaint-reply

# Message type: what a proactive message is for (order-problem, delivery, return,
# invoice, review-request, customization, digital-key, ...). Marketplaces only let
# some types be sent unprompted. Leave it out to detect it from the text.
# type: invoice

# How suggestions in German, French, Spanish and Italian address the buyer:
# formal (Sie, vous, usted, Lei) or informal (du, tu, tú, tu). Leave it out to
# follow the draft (or the buyer's message it answers).
# register: informal

# Rule adjustments.
# disable: [style-shouting]
# severity:
#   blame: error

# Extra link domains allowed on top of the marketplace and carrier lists.
# allow-domains: [help.example.com]

# Folders of your own rule files, relative to this file.
# rules: [replylint-rules]

# Which files a directory walk lints (globs relative to this file; "**"
# crosses folders). .gitignore'd files are always skipped.
# extensions: [.txt, .md, .html, .eml, .tmpl, .yaml, .json]
# include: ["templates/**"]
# exclude: ["templates/archive/**"]

# CI thresholds (the command-line flags win).
fail-level: error
# min-score: 70

# Settings per group of files; later entries win.
# overrides:
#   - files: ["shopify/**"]
#     channel: shopify
#   - files: ["de/**"]
#     marketplace: amazon.de
`
