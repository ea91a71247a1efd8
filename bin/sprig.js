#!/usr/bin/env node
// The `sprig` command runs its TypeScript sources directly: Node 22.18+ strips the types
// (see README, "Node version"). `npx sprig` finds the Node 24 this project installs.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`sprig needs Node 22.18 or newer (this is ${process.version}). Run it through npm (npx sprig, npm run serve), which uses the Node 24 this project installs.`);
  process.exit(1);
}
await import('../src/cli/main.ts');
