import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { methodNames, type MethodName } from '../shared/contract.ts';
import type { Result } from '../shared/errors.ts';
import { channelFor } from '../shared/ipc-channels.ts';
import { answerCall } from './ipc-calls.ts';
import { isTrustedSender, type SenderFacts, type TrustedWindow } from './sender-check.ts';

export interface ContractHandlers {
  /** The window allowed to call, asked at each call (the window may have been re-created). */
  trustedWindow: () => TrustedWindow;
  /** Carries a validated call to the engine. */
  forward: (method: MethodName, args: unknown) => Promise<Result<unknown>>;
}

/** One `ipcMain.handle` per contract method; each checks the sender and the arguments first. */
export function handleContractCalls({ trustedWindow, forward }: ContractHandlers): void {
  for (const method of methodNames) {
    ipcMain.handle(channelFor(method), (event, args: unknown) =>
      answerCall(method, args, isTrustedSender(senderFacts(event), trustedWindow()), forward),
    );
  }
}

function senderFacts(event: IpcMainInvokeEvent): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isTopFrame: frame !== null && frame.parent === null,
  };
}
