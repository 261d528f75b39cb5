import { Divider, Flex, Typography } from '@strapi/design-system';
import { PERMISSIONS } from '../../../shared/contracts/permissions';
import { useCan } from '../hooks/useCan';
import { useOptedInTypes } from '../hooks/useOptedInTypes';
import { useT } from '../hooks/useT';
import { RelatedSection } from './RelatedSection';
import { TagsSection } from './TagsSection';
import { VariantsSection } from './VariantsSection';

/** What the content manager passes to an edit-view side panel (the part this panel reads). */
export interface PanelProps {
  model: string;
  documentId?: string;
  document?: Record<string, unknown>;
}

/**
 * The content manager's side panel on opted-in types: tags, related entries and variants.
 * Strapi calls it like a component (hooks allowed) and renders the returned description.
 */
export const PersonalizationPanel = ({ model, documentId, document }: PanelProps) => {
  const t = useT();
  const types = useOptedInTypes();
  const tagsRead = useCan(PERMISSIONS.tagsRead);
  const tagsManage = useCan(PERMISSIONS.tagsManage);
  const optIn = types?.find((type) => type.uid === model);
  if (!optIn || !documentId) return null;

  const variantKey = typeof document?.variantKey === 'string' ? document.variantKey : null;
  const showTags = optIn.tagging !== null && tagsRead.allowed;
  return {
    title: t('panel.title'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={4} width="100%">
        {showTags && (
          <TagsSection uid={model} documentId={documentId} canManage={tagsManage.allowed} />
        )}
        {showTags && <Divider />}
        {showTags && <RelatedSection uid={model} documentId={documentId} />}
        {showTags && optIn.variants && <Divider />}
        {optIn.variants &&
          (variantKey ? (
            <Typography data-testid="panel-is-variant">
              {t('panel.variants.isVariant', { key: variantKey })}
            </Typography>
          ) : (
            <VariantsSection uid={model} documentId={documentId} />
          ))}
      </Flex>
    ),
  };
};
