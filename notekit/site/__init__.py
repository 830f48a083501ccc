"""The static HTML report and the watcher that rebuilds it."""
