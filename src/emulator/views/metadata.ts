/**
 * Metadata templates and instances as Box returns them: scopes spelled `enterprise_<id>`, and the
 * `$`-prefixed system fields beside an instance's values.
 */

import type { Services } from '../context';
import type { ItemRow } from '../state/items';
import type { MetadataInstance, MetadataTemplate } from '../state/metadata';

/** A template as Box returns it, scope spelled `enterprise_<id>`. */
export function templateView(template: MetadataTemplate): Record<string, unknown> {
  return {
    id: template.id,
    type: 'metadata_template',
    scope: template.scope,
    templateKey: template.templateKey,
    displayName: template.displayName,
    hidden: template.hidden,
    fields: template.fields.map((field) => ({
      id: field.id,
      type: field.type,
      key: field.key,
      displayName: field.displayName,
      ...(field.description !== undefined ? { description: field.description } : {}),
      hidden: field.hidden,
      ...(field.options ? { options: field.options.map((o) => ({ id: o.id, key: o.key })) } : {}),
    })),
    copyInstanceOnItemCopy: template.copyInstanceOnItemCopy,
  };
}

/** The `$`-prefixed system fields of an instance (Box's "mini" representation in query results). */
export function instanceSystemFields(
  instance: MetadataInstance,
  template: MetadataTemplate,
  item: ItemRow,
  canEdit: boolean,
): Record<string, unknown> {
  return {
    $id: instance.id,
    $version: instance.version,
    $type: `${template.templateKey}-${template.id}`,
    $parent: `${item.type}_${item.id}`,
    $typeVersion: instance.typeVersion,
    $template: template.templateKey,
    $scope: template.scope,
    $canEdit: canEdit,
  };
}

export function instanceView(
  instance: MetadataInstance,
  template: MetadataTemplate,
  item: ItemRow,
  canEdit: boolean,
): Record<string, unknown> {
  return { ...instance.values, ...instanceSystemFields(instance, template, item, canEdit) };
}

/** Box accepts the scope as `enterprise` or `enterprise_<id>` and always answers with the latter. */
export function fullScope(scope: string, services: Services): string {
  return scope === 'enterprise' ? services.enterpriseScope : scope;
}
