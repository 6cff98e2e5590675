// Pagefind search in Material's header. Nothing is fetched until the reader opens search: then
// pagefind.js, its WebAssembly and the page list load once, each query fetches only the index
// chunks it needs, and only the results on screen fetch their excerpts. The filters (facets) load
// when the reader opens the filter panel, never for a plain search.

import { el, hit } from "./search-hits.js";
import { chosenFilters, facetFieldsets, updateCounts } from "./search-facets.js";
import { trapTab } from "./search-focus.js";

const PAGE = 8; // results fetched and shown at a time
const MIN_CHARS = 2; // one letter matches half the index; wait for a second
// A pause this long searches; steady typing searches once, at the end. Each search while typing
// fetches the index chunks of its words' prefixes from every bundle, so it must be a real pause.
const DELAY_MS = 250;
const PRELOAD_CHARS = 3; // fetch index chunks while typing once the last word is this long
const EXCERPT_WORDS = 22;
const BUNDLES = "trackrecord-bundles.json";
// Hand-written pages carry `tier` (theme/main.html): records come first, then the pages about the
// site, then those for contributors; Pagefind's score orders each tier.
const TIERS = ["site", "contributors"];

const root = document.querySelector("[data-tr-search]");
if (root) setup(root);

function setup(root) {
  const toggle = document.getElementById("__search");
  const button = document.querySelector(".tr-search-button");
  const inner = root.querySelector(".md-search__inner");
  const output = root.querySelector(".md-search__output");
  const form = root.querySelector("form");
  const input = form.elements.query;
  const status = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const more = root.querySelector(".tr-search-more");
  const panel = root.querySelector(".tr-facets");
  const groups = root.querySelector(".tr-facets__groups");
  const base = new URL(`${root.dataset.base || "."}/`, document.baseURI);
  let engine = null; // a promise of the pagefind module, made on first use
  let timer = 0;
  let seq = 0; // the newest query; answers to older ones are dropped
  let results = [];
  let shown = 0;
  let totals = null; // facet counts of the whole site, once the filter panel has loaded them
  let opener = null; // what had focus before search opened: Escape gives it back

  root.hidden = false;
  if (button) {
    button.hidden = false;
    // A label, styled and hidden at desktop width by Material; made a button for the keyboard too.
    button.tabIndex = 0;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", "Search");
  }

  // A large site's index comes in bundles (generator/search_bundles.py); the first one lists the others.
  async function otherBundles() {
    const answer = await fetch(new URL(`pagefind/${BUNDLES}`, base), { cache: "no-cache" });
    if (!answer.ok) return [];
    const folders = (await answer.json())?.merge;
    return Array.isArray(folders) ? folders.filter((f) => typeof f === "string" && /^part-\d+\/$/.test(f)) : [];
  }

  function pagefind() {
    engine ??= Promise.all([import(new URL("pagefind/pagefind.js", base).href), otherBundles()]).then(async ([module, others]) => {
      // The main thread is fast enough here and saves fetching pagefind-worker.js as well.
      await module.options({ noWorker: true, excerptLength: EXCERPT_WORDS });
      await module.init();
      // Results from all bundles come back as one list, ranked by score, with facet counts summed.
      await Promise.all(others.map((folder) => module.mergeIndex(new URL(`pagefind/${folder}`, base).href,
        { excerptLength: EXCERPT_WORDS, baseUrl: base.pathname })));
      return module;
    }).catch((error) => {
      engine = null; // try again next time (under `mkdocs serve` the index may still be on its way)
      throw error;
    });
    return engine;
  }

  // Records first, then the site's own pages, then those for contributors; by score within each.
  function ranked(found, tiers) {
    const tierOf = (result) => tiers.findIndex((ids) => ids.has(result.id)) + 1;
    return found.map((result, i) => [tierOf(result), i, result])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , result]) => result);
  }

  function isOpen() {
    return toggle ? toggle.checked : root.contains(document.activeElement);
  }

  // At phone width (and in tr-search--own) the dialog covers the page and opens from the header's
  // button: closed, nothing in it may take focus. At desktop width the box stays in the header.
  function syncInert() {
    const open = isOpen();
    const covering = button !== null && getComputedStyle(button).display !== "none";
    output.inert = !open;
    inner.inert = !open && covering;
  }

  // Material locks the page's scrolling at phone width when its toggle *changes*; setting `checked`
  // alone left the page scrollable sideways under the overlay's backdrop.
  let flipping = false;
  function flip(on) {
    if (!toggle || toggle.checked === on) return;
    toggle.checked = on;
    flipping = true;
    try {
      toggle.dispatchEvent(new Event("change"));
    } finally {
      flipping = false;
    }
  }

  function open(from, select = true) {
    if (!isOpen()) {
      opener = from instanceof HTMLElement && from !== document.body && from !== document.documentElement ? from : null;
      flip(true);
      syncInert();
    }
    input.focus();
    if (select) input.select();
    pagefind().catch(() => {});
  }

  // `restore`: give focus back to what opened search (Escape, the back arrow, a click beside it).
  function close(restore) {
    const back = opener;
    opener = null;
    flip(false);
    syncInert();
    if (!restore) return;
    if (back && back.isConnected && !back.closest("[inert]")) back.focus();
    else if (root.contains(document.activeElement)) document.activeElement.blur();
  }

  function setStatus(text) {
    status.textContent = text;
  }

  // A last word of one letter matches a large part of the vocabulary (and would fetch its index
  // chunks from every bundle) while narrowing little: it counts from its second letter on.
  function wordsToSearch(term) {
    const words = term.split(/\s+/);
    if (words.length > 1 && words[words.length - 1].length < MIN_CHARS) words.pop();
    return words.join(" ");
  }

  // The query in the box and the filters ticked; `key` names it in data-query (for tests).
  function currentQuery() {
    const text = input.value.trim();
    const filters = chosenFilters(groups);
    const term = text.length >= MIN_CHARS ? wordsToSearch(text) : null;
    return { text, term, filters, active: term !== null || Object.keys(filters).length > 0,
      key: `${text}|${JSON.stringify(filters)}` };
  }

  async function run() {
    const mine = ++seq;
    const query = currentQuery();
    if (!query.active) {
      results = [];
      list.replaceChildren();
      list.dataset.query = list.dataset.done = "";
      more.hidden = true;
      setStatus(query.text ? "Keep typing…" : "Type to start searching");
      if (totals) updateCounts(groups, totals, query.key);
      return;
    }
    let answer;
    let tiers;
    try {
      const module = await pagefind();
      // The same query within each tier (`tier` marks the few hand-written pages): its index chunks are
      // those the query fetches anyway, and the tier's filter file is a few bytes. A search for a tier
      // alone, with no words, fetched every chunk of the index: megabytes on a large site.
      const [all, ...inTier] = await Promise.all([
        module.search(query.term, { filters: query.filters }),
        ...TIERS.map((tier) => module.search(query.term, { filters: { ...query.filters, tier } })),
      ]);
      answer = all;
      tiers = inTier.map((found) => new Set(found.results.map((result) => result.id)));
    } catch (error) {
      if (mine === seq) setStatus("Search is unavailable on this copy of the site.");
      console.warn("trackrecord search:", error);
      return;
    }
    if (mine !== seq || !answer) return;
    results = ranked(answer.results, tiers);
    shown = 0;
    if (totals) updateCounts(groups, answer.filters, query.key);
    await showMore(mine, true, query.key);
  }
  // Excerpts load in parallel; each result shows as soon as it and those above it have arrived.
  async function showMore(mine, fresh, query) {
    const batch = results.slice(shown, shown + PAGE).map((result) => result.data());
    const count = results.length;
    shown += batch.length;
    list.dataset.loading = "true";
    if (fresh && !batch.length) list.replaceChildren();
    for (const [i, pending] of batch.entries()) {
      const data = await pending;
      if (mine !== seq) return;
      if (fresh && i === 0) list.replaceChildren();
      list.append(hit(data));
      if (i === 0) {
        setStatus(`${count} matching page${count === 1 ? "" : "s"}`);
        if (query !== undefined) list.dataset.query = query; // what is on screen now (for tests)
      }
    }
    if (mine !== seq) return;
    if (count === 0) setStatus("No matching pages");
    if (query !== undefined) list.dataset.query = list.dataset.done = query; // ...and all of it arrived
    more.hidden = shown >= count;
    delete list.dataset.loading;
  }

  function schedule(now) {
    clearTimeout(timer);
    timer = setTimeout(run, now ? 0 : DELAY_MS);
  }


  // The counts for the query in the box now: the site's totals when it is empty.
  async function countsNow(module) {
    const query = currentQuery();
    if (!query.active) return { key: query.key, counts: totals };
    const answer = await module.search(query.term, { filters: query.filters });
    return { key: query.key, counts: answer.filters };
  }

  let facetsLoaded = false;
  async function loadFacets() {
    if (facetsLoaded) return;
    facetsLoaded = true;
    let module;
    let all;
    try {
      module = await pagefind();
      all = await module.filters();
    } catch (error) {
      groups.replaceChildren(el("p", "tr-facets__wait", "Filters are unavailable."));
      console.warn("trackrecord search:", error);
      return;
    }
    const fieldsets = facetFieldsets(all);
    totals = all;
    // Shown with the counts of the query already typed, never the site's totals in the meantime.
    const { key, counts } = await countsNow(module).catch(() => ({ key: "", counts: all }));
    groups.replaceChildren(...fieldsets);
    updateCounts(groups, counts, key);
    groups.dataset.ready = "true";
    if (key !== currentQuery().key) schedule(true); // the query changed while the filters loaded
  }

  function moveFocus(step) {
    const links = [...list.querySelectorAll(".md-search-result__link")];
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    if (at === -1 && step < 0) return;
    const next = at + step;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  input.addEventListener("focus", () => pagefind().catch(() => {})); // warm up while the reader types
  // Tabbing through the header passes the box by; typing in it, or a click, opens search.
  input.addEventListener("click", () => { if (!isOpen()) open(input, false); });
  input.addEventListener("input", () => {
    if (!isOpen()) open(input, false);
    const term = input.value.trim();
    if ((term.split(/\s+/).pop() || "").length >= PRELOAD_CHARS) {
      pagefind().then((engine) => engine.preload(term)).catch(() => {});
    }
    schedule(false);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link");
    if (first) first.click();
  });
  form.addEventListener("reset", () => {
    setTimeout(() => schedule(true), 0);
    input.focus();
  });
  more.addEventListener("click", () => showMore(seq, false));
  panel.addEventListener("toggle", () => { if (panel.open) loadFacets(); });
  groups.addEventListener("change", () => schedule(true));
  if (button) {
    button.addEventListener("click", (event) => {
      event.preventDefault(); // open() flips the toggle and remembers the button
      open(button);
    });
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      open(button);
    });
  }
  // The overlay's backdrop and back arrow are labels of Material's toggle; follow it.
  if (toggle) {
    toggle.addEventListener("change", () => {
      if (flipping) return; // our own open() or close()
      if (!toggle.checked) close(true);
      else {
        syncInert();
        input.focus();
      }
    });
  }
  // Focus that leaves by other means (a click on the page) closes search rather than leave it open behind.
  document.addEventListener("focusin", (event) => {
    if (isOpen() && event.target instanceof Node && !root.contains(event.target)) close(false);
  });
  window.addEventListener("resize", syncInert);
  syncInert();

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open(document.activeElement);
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open(document.activeElement);
    } else if (isOpen() && event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (isOpen() && event.key === "Tab" && !event.altKey && !event.ctrlKey && !event.metaKey) {
      trapTab(inner, event);
    } else if (isOpen() && (event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(target) &&
               target.tagName !== "SELECT") {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });
}
