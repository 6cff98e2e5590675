// Pagefind search in Material's header. Nothing is fetched until the reader opens search: then
// pagefind.js, its WebAssembly and the page list load once, each query fetches only the index
// chunks it needs, and only the results on screen fetch their excerpts. The filters (facets) load
// when the reader opens the filter panel, never for a plain search.

const PAGE = 8; // results fetched and shown at a time
const MIN_CHARS = 2; // one letter matches half the index; wait for a second
// A pause this long searches; steady typing searches once, at the end. Each search while typing
// fetches the index chunks of its words' prefixes from every bundle, so it must be a real pause.
const DELAY_MS = 250;
const PRELOAD_CHARS = 3; // fetch index chunks while typing once the last word is this long
const EXCERPT_WORDS = 22;
const BUNDLES = "trackrecord-bundles.json";
const RATING_ICONS = { good: "✓", bad: "!", ugly: "✕" };
const FACETS = [
  ["rating", "Rating"], ["kind", "Type"], ["year", "Year"], ["industry", "Industry"],
  ["channel", "Channel"], ["company", "Company"],
];
const SELECT_FACETS = new Set(["company"]); // too many values for checkboxes

const root = document.querySelector("[data-tr-search]");
if (root) setup(root);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function capital(word) {
  return word ? word[0].toUpperCase() + word.slice(1) : word;
}

// Pagefind's excerpt is HTML with <mark> around matches. Keep the marks, turn everything else to
// text: the indexed words come from public pull requests and must never become markup.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html || "";
  return [...template.content.childNodes].map((node) =>
    node.nodeName === "MARK" ? el("mark", "", node.textContent) : document.createTextNode(node.textContent));
}

function badge(rating) {
  const span = el("span", `tr-badge tr-badge--${rating}`);
  const icon = el("span", "", RATING_ICONS[rating] || "");
  icon.setAttribute("aria-hidden", "true");
  span.append(icon, ` ${capital(rating)}`);
  return span;
}

function hit(data) {
  const meta = data.meta || {};
  const item = el("li", "md-search-result__item");
  const link = el("a", "md-search-result__link");
  link.href = data.url;
  link.tabIndex = -1;
  const article = el("article", "md-search-result__article md-typeset tr-hit");
  const facts = el("p", "tr-hit__meta");
  if (meta.kind === "company") {
    facts.append(["Company", meta.industry, meta.incidents && `${meta.incidents} incident${meta.incidents === "1" ? "" : "s"}`,
      meta.grade && `grade ${meta.grade}`].filter(Boolean).join(" · "));
  } else if (meta.rating) {
    facts.append(badge(meta.rating), " ", [meta.company, meta.date].filter(Boolean).join(" · "));
  }
  article.append(el("h1", "", meta.title || data.url));
  if (facts.childNodes.length) article.append(facts);
  const excerpt = el("p", "tr-hit__excerpt");
  excerpt.append(...excerptNodes(data.excerpt));
  article.append(excerpt);
  link.append(article);
  item.append(link);
  return item;
}

function setup(root) {
  const toggle = document.getElementById("__search");
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

  root.hidden = false;
  document.querySelectorAll(".tr-search-button").forEach((button) => { button.hidden = false; });

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

  function open() {
    if (toggle) toggle.checked = true;
    input.focus();
    input.select();
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function chosenFilters() {
    const filters = {};
    for (const [key] of FACETS) {
      const values = [...groups.querySelectorAll(`[data-facet="${key}"]`)]
        .flatMap((field) => (field.tagName === "SELECT" ? [field.value] : field.checked ? [field.value] : []))
        .filter(Boolean);
      if (values.length) filters[key] = { any: values };
    }
    return filters;
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

  async function run() {
    const mine = ++seq;
    const term = input.value.trim();
    const filters = chosenFilters();
    const filtered = Object.keys(filters).length > 0;
    if (term.length < MIN_CHARS && !filtered) {
      results = [];
      list.replaceChildren();
      list.dataset.query = list.dataset.done = "";
      more.hidden = true;
      setStatus(term ? "Keep typing…" : "Type to start searching");
      return;
    }
    let answer;
    try {
      answer = await (await pagefind()).search(term.length >= MIN_CHARS ? wordsToSearch(term) : null, { filters });
    } catch (error) {
      if (mine === seq) setStatus("Search is unavailable on this copy of the site.");
      console.warn("trackrecord search:", error);
      return;
    }
    if (mine !== seq || !answer) return;
    results = answer.results;
    shown = 0;
    updateCounts(answer.filters);
    await showMore(mine, true, `${term}|${JSON.stringify(filters)}`);
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

  function updateCounts(counts) {
    if (!counts) return;
    groups.querySelectorAll("[data-count-for]").forEach((node) => {
      const [key, value] = JSON.parse(node.dataset.countFor);
      const n = counts[key]?.[value];
      if (n !== undefined) node.textContent = String(n);
    });
  }

  function sortedValues(key, values) {
    const names = Object.keys(values);
    if (key === "rating") return ["good", "bad", "ugly"].filter((r) => r in values);
    if (key === "year") return names.sort().reverse();
    return names.sort((a, b) => a.localeCompare(b));
  }

  let facetsLoaded = false;
  async function loadFacets() {
    if (facetsLoaded) return;
    facetsLoaded = true;
    let all;
    try {
      all = await (await pagefind()).filters();
    } catch (error) {
      groups.replaceChildren(el("p", "tr-facets__wait", "Filters are unavailable."));
      console.warn("trackrecord search:", error);
      return;
    }
    const fieldsets = [];
    for (const [key, label] of FACETS) {
      const values = all[key];
      if (!values || !Object.keys(values).length) continue;
      const fieldset = el("fieldset", "tr-facet");
      fieldset.append(el("legend", "", label));
      if (SELECT_FACETS.has(key)) {
        const select = el("select");
        select.dataset.facet = key;
        select.setAttribute("aria-label", label);
        select.append(new Option(`Any ${label.toLowerCase()}`, ""));
        for (const value of sortedValues(key, values)) select.append(new Option(`${value} (${values[value]})`, value));
        fieldset.append(select);
      } else {
        for (const value of sortedValues(key, values)) {
          const option = el("label", "tr-facet__option");
          const box = el("input");
          box.type = "checkbox";
          box.value = value;
          box.dataset.facet = key;
          const count = el("span", "tr-count", String(values[value]));
          count.dataset.countFor = JSON.stringify([key, value]);
          option.append(box, key === "rating" ? badge(value) : ` ${capital(value)} `, " ", count);
          fieldset.append(option);
        }
      }
      fieldsets.push(fieldset);
    }
    groups.replaceChildren(...fieldsets);
    groups.dataset.ready = "true";
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

  input.addEventListener("focus", () => {
    if (toggle) toggle.checked = true;
    pagefind().catch(() => {});
  });
  input.addEventListener("input", () => {
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
  // The header's search button (phone width) and the overlay flip Material's toggle; follow it.
  if (toggle) toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    const isOpen = toggle ? toggle.checked : document.activeElement === input;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
    } else if (!typing && !event.ctrlKey && !event.metaKey && !event.altKey && ["/", "s", "f"].includes(event.key)) {
      event.preventDefault();
      open();
    } else if (isOpen && event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (isOpen && (event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(target) &&
               target.tagName !== "SELECT") {
      event.preventDefault();
      moveFocus(event.key === "ArrowDown" ? 1 : -1);
    }
  });
}
