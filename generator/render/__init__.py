"""Pages, feeds and the JSON API from the catalog; record text reaches HTML only through text_safety."""
