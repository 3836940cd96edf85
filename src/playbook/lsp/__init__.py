"""``playbook lsp``: a language server for briefs, pages and ``playbook.yaml``, on pygls (the
optional extra ``pip install 'opportunity-playbook[lsp]'``). It runs the analysis ``check`` runs
over the editor's unsaved buffers, so its diagnostics are ``check``'s: same codes, messages and
positions, cross-file ones too. ``workspace`` keeps each project and what its last check said,
``judge`` runs the checks in a process of their own, ``context`` reads where the cursor is in
front matter, ``features`` answers completion, hover and code actions, ``protocol`` answers the
requests pygls cannot read, and ``handlers`` (the server itself) wires them to the protocol."""
