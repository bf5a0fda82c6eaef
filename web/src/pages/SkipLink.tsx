/** The first thing Tab reaches: jumps past the header to the page's main content (`<main id="content">`). */
export const SkipLink = () => (
  <a
    href="#content"
    className="sr-only z-50 rounded bg-white px-3 py-2 text-indigo-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
  >
    Skip to content
  </a>
);
