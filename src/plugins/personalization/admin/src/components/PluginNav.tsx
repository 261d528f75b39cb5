import { SubNav } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../../shared/contracts/permissions';
import { useCan } from '../hooks/useCan';
import { useT } from '../hooks/useT';
import { pagePath } from '../pluginPaths';

/** The plugin's side navigation; pages the admin may not read are left out. */
export const PluginNav = () => {
  const t = useT();
  const rules = useCan(PERMISSIONS.rulesRead);
  const flags = useCan(PERMISSIONS.flagsRead);
  const audience = useCan(PERMISSIONS.audienceRead);
  const experiments = useCan(PERMISSIONS.experimentsRead);
  const audit = useCan(PERMISSIONS.auditRead);
  const links = [
    { to: pagePath(), label: t('nav.status'), show: true, end: true },
    { to: pagePath('templates'), label: t('nav.templates'), show: rules.allowed },
    { to: pagePath('rules'), label: t('nav.rules'), show: rules.allowed },
    { to: pagePath('preview'), label: t('nav.preview'), show: rules.allowed },
    { to: pagePath('flags'), label: t('nav.flags'), show: flags.allowed },
    { to: pagePath('audience'), label: t('nav.audience'), show: audience.allowed },
    { to: pagePath('feedback-loop'), label: t('nav.feedback'), show: audience.allowed },
    { to: pagePath('experiments'), label: t('nav.experiments'), show: experiments.allowed },
    { to: pagePath('audit'), label: t('nav.audit'), show: audit.allowed },
  ].filter((link) => link.show);
  return (
    <SubNav.Main aria-label={t('plugin.name')}>
      <SubNav.Header label={t('plugin.name')} />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="pages" label={t('nav.section')}>
              {links.map((link) => (
                <SubNav.Link key={link.to} to={link.to} label={link.label} end={link.end} />
              ))}
            </SubNav.Section>,
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
