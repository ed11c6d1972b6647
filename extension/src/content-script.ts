/**
 * The content script, run in every frame of http(s) pages: on a page whose origin + path matches one of the
 * IT-listed page rules (the rules the app sent, kept in extension storage), it reports the payment step's life —
 * start, focus entering and leaving a card field, the card form's submit, the page going away — to the service
 * worker over a per-step port, and shows the state the app reports beside the card field.
 *
 * Contract: it never reads a field's value, the page's text or the URL's query string or fragment, and its
 * messages carry only an event kind, the rule id and a timestamp (the service worker adds the step id). Pages
 * no rule matches get nothing but the storage read: no port, no listeners that report.
 */

import type { ContentTrigger, PageRule, PageState, TriggerKind } from '../../contract/extension-protocol.ts';
import { matchPageRule, parseAppToExtension } from '../../contract/extension-protocol.ts';
import { holdsCardField, isCardField } from './card-fields.ts';
import { createOverlay } from './overlay.ts';

/** Storage key under which the service worker keeps the page rules. */
const RULES_KEY = 'pageRules';
const STEP_PORT = 'gws-step';

/** One payment step of this page (from rule match until the page goes away or stops matching). */
interface Step {
  readonly rule: PageRule;
  readonly port: chrome.runtime.Port;
  cardFocused: boolean;
  state: PageState;
}

let step: Step | undefined;
let rules: readonly PageRule[] = [];
const overlay = createOverlay(document);

function send(kind: TriggerKind): void {
  if (!step) return;
  const message: ContentTrigger = { type: 'trigger', kind, ruleId: step.rule.id, at: Date.now() };
  try {
    step.port.postMessage(message);
  } catch {
    endStep(false); // the extension was reloaded: this step is over
  }
}

function beginStep(rule: PageRule): void {
  const port = chrome.runtime.connect({ name: STEP_PORT });
  step = { rule, port, cardFocused: false, state: 'idle' };
  port.onMessage.addListener((raw: unknown) => {
    const message = parseAppToExtension(raw);
    if (!message || message.type !== 'state' || !step) return;
    step.state = message.state;
    if (step.cardFocused) overlay.show(message.state);
  });
  port.onDisconnect.addListener(() => endStep(false));
  send('step-start');
}

function endStep(tell: boolean): void {
  const ending = step;
  if (!ending) return;
  if (tell) send('step-end');
  step = undefined;
  overlay.remove();
  try {
    ending.port.disconnect();
  } catch {
    // already gone
  }
}

/** Starts, keeps or ends the step for the current URL and rules. */
function evaluate(): void {
  const rule = matchPageRule(rules, location.href);
  if (step && step.rule.id === rule?.id) return;
  endStep(true);
  if (rule) beginStep(rule);
}

function onFocusIn(event: FocusEvent): void {
  if (!step || !(event.target instanceof Element) || !isCardField(event.target, step.rule.selectors)) return;
  step.cardFocused = true;
  overlay.anchor(event.target);
  if (step.state !== 'idle') overlay.show(step.state);
  send('field-focus');
}

function onFocusOut(event: FocusEvent): void {
  if (step && event.target instanceof Element && isCardField(event.target, step.rule.selectors))
    send('field-blur');
}

function onSubmit(event: Event): void {
  if (step && event.target instanceof Element && holdsCardField(event.target, step.rule.selectors))
    send('submit');
}

function readRules(value: unknown): readonly PageRule[] {
  const parsed = parseAppToExtension({ v: 1, type: 'rules', pages: value ?? [] });
  return parsed?.type === 'rules' ? parsed.pages : [];
}

document.addEventListener('focusin', onFocusIn, true);
document.addEventListener('focusout', onFocusOut, true);
document.addEventListener('submit', onSubmit, true);
window.addEventListener('pagehide', () => endStep(true));
window.addEventListener('popstate', evaluate);
window.addEventListener('hashchange', evaluate);
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(RULES_KEY in changes)) return;
  rules = readRules(changes[RULES_KEY]?.newValue);
  evaluate();
});
void chrome.storage.local.get(RULES_KEY).then((stored) => {
  rules = readRules(stored[RULES_KEY]);
  evaluate();
});
