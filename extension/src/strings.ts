/**
 * Every user-visible string of the extension, in one catalogue (to move into the app's i18n library later), and
 * how each page state is shown: which text, and whether it is an alert (role="alert", announced at once) or a
 * status. `paused` is only ever shown because the app said the server confirmed it.
 */

import type { PageState } from '../../contract/extension-protocol.ts';

/** The catalogue. */
export const STRINGS = {
  pausing: 'Pausing…',
  paused: 'Recording paused ✓',
  notPaused: 'NOT PAUSED — do not take card details',
  noCall: 'No live call',
  noApp: 'GWS Secure Pause is not running — nothing was paused',
  capWarning: 'Recording paused ✓ — the pause ends soon (time limit)',
  capEnded: 'NOT PAUSED — pause time limit reached',
  overlayLabel: 'GWS Secure Pause',
} as const;

/** How the overlay shows one page state (`undefined`: hidden). */
export interface OverlayLook {
  readonly text: string;
  readonly alert: boolean;
  readonly tone: 'neutral' | 'good' | 'danger';
}

/** The look of each page state. */
export const OVERLAY_LOOKS: Readonly<Record<PageState, OverlayLook | undefined>> = {
  idle: undefined,
  pausing: { text: STRINGS.pausing, alert: false, tone: 'neutral' },
  paused: { text: STRINGS.paused, alert: false, tone: 'good' },
  'not-paused': { text: STRINGS.notPaused, alert: true, tone: 'danger' },
  'no-call': { text: STRINGS.noCall, alert: false, tone: 'neutral' },
  'no-app': { text: STRINGS.noApp, alert: true, tone: 'danger' },
  'cap-warning': { text: STRINGS.capWarning, alert: false, tone: 'good' },
  'cap-ended': { text: STRINGS.capEnded, alert: true, tone: 'danger' },
};
