export { ScenariosModule, scenarioEntities } from './scenarios.module';
export { ScenariosService, type CurrentScenario, type ScenarioSummary } from './scenarios.service';
export {
  HelpCenterService,
  type SearchResult,
  type ArticleView,
  type SearchScope,
} from './help-center/help-center.service';
export { HelpArticle } from './entities/help-article.entity';
export { ScenarioVersion } from './entities/scenario-version.entity';
export { loadCatalog, catalogRootOf, type Catalog, type InvalidFile } from './catalog';
export { formatDiagnostic, type Diagnostic } from './diagnostics';
export { validateScenario, contentHash } from './validate-scenario';
export { parseArticle, type LoadedArticle } from './help-center/article-file';
export { renderTemplate, templateContext, type CandidateName } from './templates';
export type { ScenarioDefinition, LoadedScenario } from './scenario-definition';
export * from './desk';
