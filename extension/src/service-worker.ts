/**
 * The service worker: the extension's one link to the app. It keeps a native messaging port to the host
 * (`com.gws_secure_pause.host`), stores the page rules the app sends where content scripts read them, gives
 * each payment step (a content script's port) a step id `<tab>.<frame>.<n>`, relays the step's validated
 * observations to the host and the app's page state back to every step.
 *
 * Contract: only validated protocol messages cross in either direction; a step whose port disconnects (tab
 * closed, navigation, frame gone) is reported as ended even if its page could not say so. When the host is not
 * reachable every step is told `no-app`, and the port is opened again on the next observation.
 */

import type { PageState, StateMessage, TriggerMessage } from '../../contract/extension-protocol.ts';
import {
  EXTENSION_PROTOCOL_VERSION,
  parseAppToExtension,
  parseContentTrigger,
} from '../../contract/extension-protocol.ts';

const HOST_NAME = 'com.gws_secure_pause.host';
const RULES_KEY = 'pageRules';
const STEP_PORT = 'gws-step';

let native: chrome.runtime.Port | undefined;
let lastState: PageState = 'idle';
let counter = 0;
const steps = new Set<chrome.runtime.Port>();

function tellSteps(state: PageState): void {
  lastState = state;
  const message: StateMessage = { v: EXTENSION_PROTOCOL_VERSION, type: 'state', state };
  for (const port of steps) port.postMessage(message);
}

function onNativeMessage(raw: unknown): void {
  const message = parseAppToExtension(raw);
  if (!message) return;
  if (message.type === 'rules') void chrome.storage.local.set({ [RULES_KEY]: message.pages });
  else tellSteps(message.state);
}

function connectNative(): chrome.runtime.Port {
  if (native) return native;
  const port = chrome.runtime.connectNative(HOST_NAME);
  native = port;
  port.onMessage.addListener(onNativeMessage);
  port.onDisconnect.addListener(() => {
    void chrome.runtime.lastError; // read, so Chrome does not report it as unchecked
    native = undefined;
    tellSteps('no-app');
  });
  return port;
}

function toHost(message: TriggerMessage): void {
  try {
    connectNative().postMessage(message);
  } catch {
    native = undefined;
    tellSteps('no-app');
  }
}

function onStep(port: chrome.runtime.Port): void {
  if (port.name !== STEP_PORT || port.sender?.id !== chrome.runtime.id) return;
  counter += 1;
  const stepId = `${port.sender.tab?.id ?? 0}.${port.sender.frameId ?? 0}.${counter}`;
  let ruleId: string | undefined;
  steps.add(port);
  port.onMessage.addListener((raw: unknown) => {
    const observed = parseContentTrigger(raw);
    if (!observed) return;
    ruleId = observed.ruleId;
    const current = ruleId;
    const { kind, at } = observed;
    toHost({ v: EXTENSION_PROTOCOL_VERSION, type: 'trigger', kind, ruleId: current, stepId, at });
  });
  port.onDisconnect.addListener(() => {
    steps.delete(port);
    if (ruleId !== undefined) {
      toHost({
        v: EXTENSION_PROTOCOL_VERSION,
        type: 'trigger',
        kind: 'step-end',
        ruleId,
        stepId,
        at: Date.now(),
      });
    }
  });
  port.postMessage({ v: EXTENSION_PROTOCOL_VERSION, type: 'state', state: lastState } satisfies StateMessage);
}

chrome.runtime.onConnect.addListener(onStep);
chrome.runtime.onStartup.addListener(() => void connectNative());
chrome.runtime.onInstalled.addListener(() => void connectNative());
connectNative();
