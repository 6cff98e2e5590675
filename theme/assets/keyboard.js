// Keyboard use of Material's navigation drawer (phone and tablet width). Closed, the drawer slides
// off-screen but its links stay in the tab order, so Tab walked through dozens of links no one can
// see; it is made inert while closed. Its menu button, a label, becomes a button for the keyboard;
// Escape closes the drawer and gives focus back to the button.

(() => {
  const toggle = document.getElementById("__drawer");
  const drawer = document.querySelector(".md-sidebar--primary");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !drawer) return;

  // The sidebar is a drawer when Material pins it beside the viewport; at desktop width it is sticky.
  const isDrawer = () => getComputedStyle(drawer).position === "fixed";

  function sync() {
    const closed = isDrawer() && !toggle.checked;
    drawer.inert = closed;
    if (button) button.setAttribute("aria-expanded", String(!closed && isDrawer()));
  }

  if (button) {
    button.tabIndex = 0;
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", "Navigation");
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      toggle.click(); // as a click on the label: Material's script follows the change
    });
  }
  toggle.addEventListener("change", () => {
    sync();
    if (toggle.checked && isDrawer()) drawer.querySelector("a[href], [tabindex='0']")?.focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !toggle.checked || !isDrawer()) return;
    toggle.click();
    button?.focus();
  });
  // Tabbing out of the open drawer closes it, rather than leave it open behind the page.
  document.addEventListener("focusin", (event) => {
    if (toggle.checked && isDrawer() && !drawer.contains(event.target) && event.target !== button) toggle.click();
  });
  window.addEventListener("resize", sync);
  sync();
})();
