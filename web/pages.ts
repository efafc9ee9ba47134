/** The browser pages, by the name their script, style sheet and HTML are served under, with each one's title. */
export const PAGE_TITLES = {
  explorer: 'Citizen Graph explorer',
  workspace: 'Citizen Graph workspace',
} as const;
export type Page = keyof typeof PAGE_TITLES;
export const PAGES = Object.keys(PAGE_TITLES) as Page[];

/** The page's HTML: its title, its style sheet and its script, all from this origin; the script renders into `#<page>`. */
export function pageShell(page: Page): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${PAGE_TITLES[page]}</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/web/${page}.css">
</head>
<body>
  <div id="${page}"></div>
  <script type="module" src="/web/${page}.js"></script>
</body>
</html>
`;
}
