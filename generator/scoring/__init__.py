"""The catalog of the whole corpus: what each company answered, its rates and its grade."""
