"""The search index: Pagefind over a built site, in bundles for large ones."""
