"""What one `mkdocs serve` keeps from a rebuild for the next, so that an edit re-does only what it changed:
the records' scan, the grades, each record's day, the catalog's corpus and the entity pages' set."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.build.plan import Plan
from generator.model import Corpus
from generator.records.rescan import Rescanner
from generator.render.pages.lastmod import RecordDays
from generator.render.site_content import entity_pages
from generator.scoring.catalog import Catalog, ScoreMemo, build_catalog
from generator.scoring.catalog_update import updated_catalog


@dataclass
class ServeMemo:
    rescan: Rescanner = field(default_factory=Rescanner)
    scores: ScoreMemo = field(default_factory=ScoreMemo)
    record_days: RecordDays = field(default_factory=RecordDays)
    corpus: Corpus | None = None  # the records the last catalog was made from
    entities_of: Catalog | None = None  # the catalog whose company and incident pages the site state holds
    catalog_updated: bool = False  # whether the last rebuild updated the catalog in place, not built it

    def next_catalog(self, last: Catalog | None, corpus: Corpus) -> Catalog:
        """build_catalog(corpus), from `last` when the edit moved no incident (scoring/catalog_update.py)."""
        updated = None
        if last is not None and self.corpus is not None:
            updated = updated_catalog(last, self.corpus, corpus, self.scores)
        catalog = updated or build_catalog(corpus, memo=self.scores)
        self.corpus = corpus  # only now: it is what `catalog` was made from
        self.catalog_updated = updated is not None
        return catalog

    def entity_pages(self, catalog: Catalog, plan: Plan, known: set[str]) -> set[str]:
        """entity_pages(catalog): `known` (the last build's) when no company, incident or withdrawal came
        or went, since a company's page count follows from its incidents' keys."""
        last, self.entities_of = self.entities_of, catalog
        if (not plan.full and last is not None and last.corpus.companies is catalog.corpus.companies
                and last.incident_by_key.keys() == catalog.incident_by_key.keys()
                and last.withdrawn_by_key.keys() == catalog.withdrawn_by_key.keys()):
            return known
        return entity_pages(catalog)
