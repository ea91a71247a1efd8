/**
 * Entry of the engine's Electron utility process. It imports nothing from Electron: the
 * only thing Electron gives it is `process.parentPort`, the line to main.
 */
import { Engine } from '../engine/engine.ts';
import { serveEngine, type ParentPortLike } from './engine-port.ts';

const { parentPort } = process as NodeJS.Process & { parentPort?: ParentPortLike };

if (!parentPort) {
  console.error('engine-process: run me with Electron utilityProcess.fork, which provides process.parentPort');
  process.exit(1);
}

serveEngine(parentPort, (options) => Engine.open(options));
