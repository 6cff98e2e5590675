"""trackrecord: public customer-service track records, built from YAML records with MkDocs."""

__version__ = "0.1.0"
