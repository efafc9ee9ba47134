import { COMPONENTS, startSystem, type Component } from './start-system.ts';

// `npm start [component...]`: the whole system by default, or only the named components
// (docker-compose runs one per container).
const requested = process.argv.slice(2) as Component[];
const unknown = requested.filter((name) => !COMPONENTS.includes(name));
if (unknown.length) {
  console.error(`Unknown component(s): ${unknown.join(', ')}. Choose from: ${COMPONENTS.join(', ')}.`);
  process.exit(2);
}

const system = await startSystem({
  ...(requested.length ? { components: requested } : {}),
  onListening: (component, url) => console.log(`${component.padEnd(14)} ${url}`),
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void system.close().then(() => process.exit(0));
  });
}
