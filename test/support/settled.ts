/**
 * Whether the screen under `root` (the whole page by default) has settled: the app has
 * loaded, no view is loading (`data-view-state`), no chart is redrawing
 * (`data-chart-state`) and nothing is busy (`aria-busy`). An error is settled too: the
 * test's own assertions judge it. Tests wait on this, never on time.
 *
 * Self-contained (no imports, no closures) so that end-to-end tests run the same check in
 * the page: `page.waitForFunction(screenSettled, null)`.
 */
export function screenSettled(root?: ParentNode | null): boolean {
  const scope = root ?? document;
  const loading = '[data-app-state="loading"], [data-view-state="loading"], [data-chart-state="loading"], [aria-busy="true"]';
  if (scope instanceof Element && scope.matches(loading)) return false;
  return scope.querySelector(loading) === null;
}
