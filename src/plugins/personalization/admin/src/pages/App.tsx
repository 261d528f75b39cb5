import { Layouts, Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PERMISSIONS } from '../../../shared/contracts/permissions';
import { PluginNav } from '../components/PluginNav';
import { AudiencePage } from './audience/AudiencePage';
import { BanditPage } from './experiments/BanditPage';
import { ExperimentEditorPage } from './experiments/ExperimentEditorPage';
import { ExperimentResultsPage } from './experiments/ExperimentResultsPage';
import { ExperimentsPage } from './experiments/ExperimentsPage';
import { FlagsPage } from './flags/FlagsPage';
import { HomePage } from './HomePage';
import { PreviewPage } from './preview/PreviewPage';
import { FeedbackAuditPage } from './recommendations/FeedbackAuditPage';
import { AuditPage } from './privacy/AuditPage';
import { RuleEditorPage } from './rules/RuleEditorPage';
import { RulesPage } from './rules/RulesPage';
import { ShadowReportPage } from './rules/ShadowReportPage';
import { TemplateEditorPage } from './templates/TemplateEditorPage';
import { TemplatesPage } from './templates/TemplatesPage';

const only = (action: string, element: React.ReactElement) => (
  <Page.Protect permissions={[{ action, subject: null }]}>{element}</Page.Protect>
);

export const App = () => (
  <Layouts.Root sideNav={<PluginNav />}>
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="templates" element={only(PERMISSIONS.rulesRead, <TemplatesPage />)} />
      <Route path="templates/new" element={only(PERMISSIONS.rulesManage, <TemplateEditorPage />)} />
      <Route path="templates/:name" element={only(PERMISSIONS.rulesRead, <TemplateEditorPage />)} />
      <Route path="rules" element={only(PERMISSIONS.rulesRead, <RulesPage />)} />
      <Route path="rules/new" element={only(PERMISSIONS.rulesManage, <RuleEditorPage />)} />
      <Route path="rules/:name" element={only(PERMISSIONS.rulesRead, <RuleEditorPage />)} />
      <Route
        path="rules/:name/shadow"
        element={only(PERMISSIONS.rulesRead, <ShadowReportPage />)}
      />
      <Route path="preview" element={only(PERMISSIONS.rulesRead, <PreviewPage />)} />
      <Route path="flags" element={only(PERMISSIONS.flagsRead, <FlagsPage />)} />
      <Route path="audience" element={only(PERMISSIONS.audienceRead, <AudiencePage />)} />
      <Route path="feedback-loop" element={only(PERMISSIONS.audienceRead, <FeedbackAuditPage />)} />
      <Route path="audit" element={only(PERMISSIONS.auditRead, <AuditPage />)} />
      <Route path="experiments" element={only(PERMISSIONS.experimentsRead, <ExperimentsPage />)} />
      <Route
        path="experiments/new"
        element={only(PERMISSIONS.experimentsManage, <ExperimentEditorPage />)}
      />
      <Route
        path="experiments/:name"
        element={only(PERMISSIONS.experimentsRead, <ExperimentEditorPage />)}
      />
      <Route
        path="experiments/:name/results"
        element={only(PERMISSIONS.experimentsRead, <ExperimentResultsPage />)}
      />
      <Route
        path="experiments/:name/bandit"
        element={only(PERMISSIONS.experimentsRead, <BanditPage />)}
      />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Layouts.Root>
);
