"""YAML -> model: reading and checking records, their files, writers' warnings and migration."""
