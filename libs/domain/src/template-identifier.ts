/**
 * The shape of a template variable name: an identifier, as in `{{vlan_id}}`. Inventory
 * columns and `host_vars` keys that do not have this shape can never be referenced.
 */
export const TEMPLATE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be used as a template variable (`[A-Za-z_][A-Za-z0-9_]*`). */
export function isTemplateIdentifier(name: string): boolean {
  return TEMPLATE_IDENTIFIER.test(name);
}
