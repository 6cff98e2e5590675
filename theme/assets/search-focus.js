// Focus inside the open search dialog: Tab and Shift+Tab go round it, never out behind it.

const TABBABLE = "a[href], button, input, select, textarea, summary, [tabindex]";

// What Tab may reach inside `box`: shown, enabled, and not taken out of the tab order.
function tabStops(box) {
  return [...box.querySelectorAll(TABBABLE)].filter((node) => node.tabIndex >= 0 && !node.disabled &&
    !node.closest("[inert]") && node.getClientRects().length > 0 && getComputedStyle(node).visibility !== "hidden");
}

// Handles a Tab keydown while `box` is open; result links (tabindex -1) are reached with the arrows.
export function trapTab(box, event) {
  const stops = tabStops(box);
  if (!stops.length) return;
  event.preventDefault();
  const active = document.activeElement;
  const step = event.shiftKey ? -1 : 1;
  let at = stops.indexOf(active);
  if (at === -1 && box.contains(active)) { // a result link: go on from where it sits
    const after = stops.findIndex((node) => active.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
    at = (after === -1 ? stops.length : after) - (step > 0 ? 1 : 0);
  }
  const next = at === -1 ? (step > 0 ? 0 : stops.length - 1) : (at + step + stops.length) % stops.length;
  stops[next].focus();
}
