"""The `assistant` command, one module per group of commands; `app.main` is the console script."""
