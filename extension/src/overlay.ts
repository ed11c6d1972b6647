/**
 * The badge beside the focused card field: a shadow-DOM host fixed next to the field, that never takes focus
 * (no tabindex, pointer-events none) and never covers the field itself. `role="status"` for progress and
 * success, `role="alert"` for the states the agent must act on (NOT PAUSED), so screen readers announce them.
 * It shows text from the catalogue only; it reads nothing from the page.
 */

import type { PageState } from '../../contract/extension-protocol.ts';
import { OVERLAY_LOOKS, STRINGS } from './strings.ts';

const STYLE = `
:host { all: initial; }
.badge { position: fixed; z-index: 2147483647; pointer-events: none; max-width: 320px;
  font: 600 13px/1.3 system-ui, sans-serif; padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 2px 8px rgba(0,0,0,.3); border: 2px solid transparent; }
.badge[hidden] { display: none; }
.neutral { background: #fff8d6; color: #3a3000; border-color: #b59b00; }
.good { background: #e3f6e6; color: #0b3d14; border-color: #1e7b32; }
.danger { background: #b00020; color: #fff; border-color: #5c0010; font-size: 15px; }
`;

/** The overlay of one page. */
export interface Overlay {
  /** Places the badge beside `field` (the last card field focused). */
  anchor(field: Element): void;
  show(state: PageState): void;
  remove(): void;
}

/** Creates the overlay (attached lazily, on the first state that has a look). */
export function createOverlay(doc: Document): Overlay {
  let host: HTMLElement | undefined;
  let badge: HTMLElement | undefined;
  let field: Element | undefined;
  let frame = 0;

  const place = (): void => {
    frame = 0;
    if (!badge || !field) return;
    const rect = field.getBoundingClientRect();
    const view = doc.defaultView;
    const width = view?.innerWidth ?? 1024;
    const left = rect.right + 8 + 200 < width ? rect.right + 8 : Math.max(4, rect.left);
    const top = rect.right + 8 + 200 < width ? rect.top : rect.bottom + 4;
    badge.style.left = `${Math.round(left)}px`;
    badge.style.top = `${Math.round(top)}px`;
  };
  const schedule = (): void => {
    if (frame === 0) frame = doc.defaultView?.requestAnimationFrame(place) ?? 0;
  };

  const ensure = (): HTMLElement => {
    if (badge) return badge;
    host = doc.createElement('gws-secure-pause-overlay');
    const root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    badge = doc.createElement('div');
    badge.setAttribute('aria-label', STRINGS.overlayLabel);
    badge.hidden = true;
    root.append(style, badge);
    doc.documentElement.append(host);
    doc.defaultView?.addEventListener('scroll', schedule, { capture: true, passive: true });
    doc.defaultView?.addEventListener('resize', schedule, { passive: true });
    return badge;
  };

  return {
    anchor(next: Element): void {
      field = next;
      if (badge) place();
    },
    show(state: PageState): void {
      const look = OVERLAY_LOOKS[state];
      if (!look) {
        if (badge) badge.hidden = true;
        return;
      }
      const element = ensure();
      element.setAttribute('role', look.alert ? 'alert' : 'status');
      element.setAttribute('aria-live', look.alert ? 'assertive' : 'polite');
      element.className = `badge ${look.tone}`;
      element.textContent = look.text;
      element.dataset.state = state;
      element.hidden = false;
      place();
    },
    remove(): void {
      host?.remove();
      host = undefined;
      badge = undefined;
    },
  };
}
