// The filter panel of search: its fields, built from Pagefind's filters, the filters ticked, and the
// counts beside each value, which always follow the query on screen. Values come from record text:
// they go in as text (el, Option), never markup.

import { badge, capital, el, kindLabel } from "./search-hits.js";

const FACETS = [
  ["rating", "Rating"], ["kind", "Type"], ["year", "Year"], ["industry", "Industry"],
  ["channel", "Channel"], ["company", "Company"],
];
const SELECT_FACETS = new Set(["company"]); // too many values for checkboxes

function sortedValues(key, values) {
  const names = Object.keys(values);
  if (key === "rating") return ["good", "bad", "ugly"].filter((r) => r in values);
  if (key === "year") return names.sort().reverse();
  if (key === "kind") {
    const order = ["company", "incident", "post", "page", "contributors"];
    const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
    return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  }
  return names.sort((a, b) => a.localeCompare(b));
}

// The values ticked or chosen in `groups`, as Pagefind's `filters` option.
export function chosenFilters(groups) {
  const filters = {};
  for (const [key] of FACETS) {
    const values = [...groups.querySelectorAll(`[data-facet="${key}"]`)]
      .flatMap((field) => (field.tagName === "SELECT" ? [field.value] : field.checked ? [field.value] : []))
      .filter(Boolean);
    if (values.length) filters[key] = { any: values };
  }
  return filters;
}

// Every count in the panel follows the query on screen: `counts` are Pagefind's for its results.
export function updateCounts(groups, counts, key) {
  groups.querySelectorAll("[data-count-for]").forEach((node) => {
    const [facet, value] = JSON.parse(node.dataset.countFor);
    const n = String(counts?.[facet]?.[value] ?? 0);
    node.textContent = node.tagName === "OPTION" ? `${value} (${n})` : n;
  });
  groups.dataset.counted = key; // for tests: the counts shown are this query's
}

function selectField(key, label, values) {
  const select = el("select");
  select.dataset.facet = key;
  select.setAttribute("aria-label", label);
  select.append(new Option(`Any ${label.toLowerCase()}`, ""));
  for (const value of sortedValues(key, values)) {
    const option = new Option(value, value);
    option.dataset.countFor = JSON.stringify([key, value]);
    select.append(option);
  }
  return [select];
}

function checkboxes(key, values) {
  return sortedValues(key, values).map((value) => {
    const option = el("label", "tr-facet__option");
    const box = el("input");
    box.type = "checkbox";
    box.value = value;
    box.dataset.facet = key;
    const count = el("span", "tr-count");
    count.dataset.countFor = JSON.stringify([key, value]);
    option.append(box, key === "rating" ? badge(value) : ` ${key === "kind" ? kindLabel(value) : capital(value)} `,
      " ", count);
    return option;
  });
}

// One fieldset per filter that has values on this site (`all`: Pagefind's filters()).
export function facetFieldsets(all) {
  const fieldsets = [];
  for (const [key, label] of FACETS) {
    const values = all[key];
    if (!values || !Object.keys(values).length) continue;
    const fieldset = el("fieldset", "tr-facet");
    fieldset.append(el("legend", "", label),
      ...(SELECT_FACETS.has(key) ? selectField(key, label, values) : checkboxes(key, values)));
    fieldsets.push(fieldset);
  }
  return fieldsets;
}
