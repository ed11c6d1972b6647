/**
 * Which elements are card fields: an `autocomplete` token naming a card detail (number, security code, expiry),
 * or a match of one of the rule's selectors. Only attributes are looked at — never a field's value.
 */

/** The standard card-detail autocomplete tokens. */
export const CARD_AUTOCOMPLETE = new Set(['cc-number', 'cc-csc', 'cc-exp', 'cc-exp-month', 'cc-exp-year']);

/** True when `element` is a card field under the standard tokens or `selectors`. */
export function isCardField(element: Element, selectors: readonly string[]): boolean {
  const tokens = (element.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
  if (tokens.some((token) => CARD_AUTOCOMPLETE.has(token))) return true;
  return selectors.some((selector) => {
    try {
      return element.matches(selector);
    } catch {
      return false; // a bad selector in the rules matches nothing
    }
  });
}

/** True when `form` holds a card field (its submit ends the payment step). */
export function holdsCardField(form: Element, selectors: readonly string[]): boolean {
  return [...form.querySelectorAll('input, select')].some((field) => isCardField(field, selectors));
}
