// One search result as the reader sees it, and the small pieces the filter panel shares with it.
// Every string here comes from the index, that is from record text: it goes in as text, never markup.

const RATING_ICONS = { good: "✓", bad: "!", ugly: "✕" };
const KIND_LABELS = { page: "About this site", contributors: "For contributors" };

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function capital(word) {
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

export function badge(rating) {
  const span = el("span", `tr-badge tr-badge--${rating}`);
  const icon = el("span", "", RATING_ICONS[rating] || "");
  icon.setAttribute("aria-hidden", "true");
  span.append(icon, ` ${capital(rating)}`);
  return span;
}

export function kindLabel(kind) {
  return KIND_LABELS[kind] || capital(kind);
}

export function hit(data) {
  const meta = data.meta || {};
  const item = el("li", "md-search-result__item");
  item.dataset.kind = meta.kind || "";
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
  } else if (KIND_LABELS[meta.kind]) {
    facts.append(KIND_LABELS[meta.kind]);
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
