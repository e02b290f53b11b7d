complete --keep-order --exclusive --command kzfp --arguments "(COMPLETE=fish kzfp -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
