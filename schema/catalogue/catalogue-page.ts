import type { Catalogue, CatalogueAccess, CatalogueField, CatalogueOperation, CatalogueSubgraph } from './catalogue.ts';
import type { Release } from './changelog.ts';

/**
 * The catalogue as one HTML page, written on the GOV.UK Design System's patterns (summary
 * lists for a subgraph's facts, tables with captions for fields, details for example
 * operations). Rendered once when the gateway starts; every value is escaped.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

/** A template tag that escapes every interpolated value, unless it is already rendered HTML. */
class Html {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  toString(): string {
    return this.text;
  }
}
function html(strings: TemplateStringsArray, ...values: ReadonlyArray<string | number | Html | readonly Html[]>): Html {
  const render = (value: string | number | Html | readonly Html[]): string => (value instanceof Html ? value.text : Array.isArray(value) ? value.map(render).join('') : escapeHtml(String(value)));
  return new Html(strings.reduce((out, part, index) => out + part + (index < values.length ? render(values[index]!) : ''), ''));
}

const anchor = (...parts: string[]) => parts.join('-').toLowerCase().replace(/[^a-z0-9-]+/g, '-');

function accessText(access: CatalogueAccess): Html {
  if (!access.declared) return html`<strong class="refused">refused to everyone</strong> (no access rule declared)`;
  return html`${access.requires.map((requirement, index) => html`${index ? html`<br>` : ''}${requirement}`)}`;
}

function signature(field: CatalogueField): string {
  const args = field.arguments.map((arg) => `${arg.name}: ${arg.type}`).join(', ');
  return `${field.name}${args ? `(${args})` : ''}: ${field.type}`;
}

function operationSection(subgraph: CatalogueSubgraph, operation: CatalogueOperation, catalogue: Catalogue): Html {
  const examples = catalogue.examples.filter((example) => operation.examples.includes(example.name));
  return html`
    <section class="operation" id="${anchor(subgraph.name, operation.kind, operation.name)}">
      <h4 class="heading-s"><code>${operation.kind}.${signature(operation)}</code></h4>
      <p class="body">${operation.description}</p>
      <dl class="summary-list">
        <div class="summary-row"><dt>Access required</dt><dd>${accessText(operation.access)}</dd></div>
        ${operation.arguments.map((arg) => html`<div class="summary-row"><dt>Argument <code>${arg.name}</code></dt><dd><code>${arg.type}</code> ${arg.description}</dd></div>`)}
        <div class="summary-row"><dt>Changes</dt><dd>${operation.changes.length ? operation.changes.map((change) => html`<p class="body">${change.release}: ${change.text}</p>`) : 'None recorded'}</dd></div>
      </dl>
      ${examples.map(
        (example) => html`
        <details class="details">
          <summary>Example: ${example.name} (token: <code>npm run --silent token -- ${example.tokenArguments}</code>${example.purpose ? html`, purpose <code>${example.purpose}</code>` : ''})</summary>
          <pre><code>${example.document}</code></pre>
          ${example.variables ? html`<p class="body">Variables: <code>${JSON.stringify(example.variables)}</code>${example.persistedId ? html`; persisted id <code>${example.persistedId}</code>` : ''}</p>` : ''}
        </details>`,
      )}
    </section>`;
}

function subgraphSection(subgraph: CatalogueSubgraph, catalogue: Catalogue): Html {
  return html`
    <section id="${anchor(subgraph.name)}">
      <h2 class="heading-l">${subgraph.name}</h2>
      <p class="lead">${subgraph.purpose}</p>
      <dl class="summary-list">
        <div class="summary-row"><dt>Owning team</dt><dd>${subgraph.owner.team}</dd></div>
        <div class="summary-row"><dt>Contact</dt><dd><a href="mailto:${subgraph.owner.contact}">${subgraph.owner.contact}</a></dd></div>
        <div class="summary-row"><dt>Data owner</dt><dd>${subgraph.dataOwner}</dd></div>
        <div class="summary-row"><dt>Service level</dt><dd>Availability ${subgraph.serviceLevel.availability}; 99th percentile response within ${subgraph.serviceLevel.latencyP99Ms} ms; ${subgraph.serviceLevel.support}</dd></div>
        <div class="summary-row"><dt>Legacy systems behind it</dt><dd>${subgraph.legacySystems.length ? subgraph.legacySystems.map((system, index) => html`${index ? ', ' : ''}${system.name} (<code>${system.id}</code>)`) : 'None: it serves records this system keeps itself'}</dd></div>
      </dl>
      <h3 class="heading-m">Operations</h3>
      ${subgraph.operations.length ? subgraph.operations.map((operation) => operationSection(subgraph, operation, catalogue)) : html`<p class="body">None of its own: it adds the fields below to types other subgraphs serve.</p>`}
      <h3 class="heading-m">Fields and the access each requires</h3>
      ${subgraph.types.map(
        (type) => html`
        <table class="table" id="${anchor(subgraph.name, type.name)}">
          <caption class="heading-s">${type.name}<span class="caption-description">${type.description}</span></caption>
          <thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Access required</th><th scope="col">Description</th></tr></thead>
          <tbody>
            ${type.fields.map((field) => html`<tr><th scope="row"><code>${field.name}</code></th><td><code>${field.type}</code></td><td>${accessText(field.access)}</td><td>${field.description}</td></tr>`)}
          </tbody>
        </table>`,
      )}
    </section>`;
}

function releasesSection(releases: readonly Release[]): Html {
  if (!releases.length) return html`<p class="body">No schema changelog has been published yet.</p>`;
  return html`${releases.map(
    (release) => html`
    <h3 class="heading-s">${release.title}</h3>
    ${release.summary ? html`<p class="body">${release.summary}</p>` : ''}
    ${release.entries.length ? html`<ul class="list">${release.entries.map((entry) => html`<li>${entry.text}</li>`)}</ul>` : ''}`,
  )}`;
}

const STYLE = `
body { margin: 0; font-family: Arial, sans-serif; color: #0b0c0c; line-height: 1.4; }
.header { background: #0b0c0c; color: #fff; padding: 10px 30px; font-weight: 700; font-size: 1.5rem; }
main { max-width: 960px; margin: 0 auto; padding: 20px 30px 60px; }
a { color: #1d70b8; } a:focus { outline: 3px solid transparent; background: #fd0; color: #0b0c0c; box-shadow: 0 4px #0b0c0c; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; } .skip-link:focus { left: 10px; top: 10px; background: #fd0; padding: 5px; }
.heading-xl { font-size: 2.5rem; margin: 30px 0 20px; } .heading-l { font-size: 2rem; margin: 45px 0 15px; border-top: 2px solid #b1b4b6; padding-top: 20px; }
.heading-m { font-size: 1.5rem; margin: 30px 0 15px; } .heading-s { font-size: 1.1875rem; margin: 20px 0 10px; text-align: left; }
.lead { font-size: 1.3rem; } .body { margin: 0 0 10px; }
code, pre { font-family: "Courier New", monospace; } pre { background: #f3f2f1; padding: 15px; overflow-x: auto; }
.summary-list { margin: 0 0 20px; } .summary-row { display: flex; border-bottom: 1px solid #b1b4b6; padding: 10px 0; }
.summary-row dt { font-weight: 700; width: 30%; margin: 0 20px 0 0; } .summary-row dd { margin: 0; flex: 1; }
.table { width: 100%; border-collapse: collapse; margin-bottom: 30px; }
.table th, .table td { border-bottom: 1px solid #b1b4b6; padding: 10px 20px 10px 0; text-align: left; vertical-align: top; }
.caption-description { display: block; font-weight: 400; font-size: 1rem; }
.details summary { color: #1d70b8; cursor: pointer; text-decoration: underline; margin-bottom: 10px; }
.refused { color: #d4351c; }
.list { padding-left: 20px; }
`;

export function renderCataloguePage(catalogue: Catalogue): string {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API catalogue – Citizen Graph</title>
  <style>${new Html(STYLE)}</style>
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="header">Citizen Graph API catalogue</header>
  <main id="main">
    <h1 class="heading-xl">API catalogue</h1>
    <p class="lead">Every part of the Citizen Graph API: what it is for, who owns it, what it promises, the legacy systems behind it and the access each field requires. Generated from the schema; also as <a href="/catalogue.json">JSON</a>. Try the operations in the <a href="/explorer">explorer</a>.</p>
    <h2 class="heading-m">Contents</h2>
    <ul class="list">
      ${catalogue.subgraphs.map((subgraph) => html`<li><a href="#${anchor(subgraph.name)}">${subgraph.name}</a>: ${subgraph.purpose}</li>`)}
      <li><a href="#policies">Access policies</a></li>
      <li><a href="#changes">What changed between versions</a></li>
    </ul>
    ${catalogue.subgraphs.map((subgraph) => subgraphSection(subgraph, catalogue))}
    <section id="policies">
      <h2 class="heading-l">Access policies</h2>
      <dl class="summary-list">${Object.entries(catalogue.policies).map(([name, meaning]) => html`<div class="summary-row"><dt><code>${name}</code></dt><dd>${meaning}</dd></div>`)}</dl>
    </section>
    <section id="changes">
      <h2 class="heading-l">What changed between versions</h2>
      ${releasesSection(catalogue.releases)}
    </section>
  </main>
</body>
</html>
`.text;
}
