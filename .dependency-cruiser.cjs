/**
 * The architecture rules, checked by `npm test` (`npm run depcruise`). README.md, section
 * "Architecture", describes the same layers. A rule that fails names the import to remove; do not
 * weaken a rule to make it pass, move the code instead.
 *
 *   src/app/        composition root: process entry, configuration, wiring. Alone imports adapters/.
 *   adapters/       Slack, Teams, console: the only place a chat SDK is imported.
 *   src/chat/       conversation layer: commands, forms and buttons → services → Reply (views too);
 *   src/commands/   with it, the command grammar and help.
 *   src/ports/      what the core and the adapters exchange (chat port, notifier, Reply, stores);
 *                   implementations live in the core (ChatService) and in src/infra/.
 *   src/i18n/       languages, text catalogs, interpolation, dates: neutral, used by every layer.
 *   everything else in src/: the domain and its application services, infrastructure, shared.
 *
 * Type-only imports count like any other import (a cycle of types is still a cycle to read).
 */
const SDK = '(^|node_modules/)(@slack/|botbuilder|@microsoft/teams|@microsoft/agents)';
const COMPOSITION_ROOT = '^(src/app/|scripts/)';

module.exports = {
  forbidden: [
    {
      name: 'sdk-only-in-adapters',
      comment: 'Chat SDKs (Bolt, botbuilder, teams-ai) are imported only by adapters/.',
      severity: 'error',
      from: { pathNot: '^adapters/' },
      to: { path: SDK },
    },
    {
      name: 'adapters-only-from-composition-root',
      comment: 'Only the composition root (src/app/, and the scripts that package the apps) imports adapters/.',
      severity: 'error',
      from: { path: '^src/', pathNot: COMPOSITION_ROOT },
      to: { path: '^adapters/' },
    },
    {
      name: 'domain-not-to-conversation-layer',
      comment:
        'The domain, its services, ports and infrastructure return data; the conversation layer (src/chat/ and the command ' +
        'grammar src/commands/) turns it into Reply. Only that layer and the composition root import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(chat|commands|app)/' },
      to: { path: '^src/(chat|commands)/' },
    },
    {
      name: 'domain-builds-no-replies',
      comment:
        'Presentation at the edge: texts and buttons are written in src/chat/ (views, notice-views, reminder-views). Outside ' +
        'the conversation layer only the view ports name Reply, Button or ActionId in their types: the notice and nudge ' +
        'view interfaces (notices/notice.ts, reminders/reminder.ts) and the dispatcher that delivers what the views return.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(chat|commands|app|ports)/|^src/notices/notice[.]ts$|^src/reminders/(reminder|dispatcher)[.]ts$' },
      to: { path: '^src/ports/(reply|action-ids)[.]ts$' },
    },
    {
      name: 'adapters-through-ports',
      comment:
        'Adapters reach the core only through src/ports/ (chat port, notifier, stores, Reply), plus the neutral helpers: ' +
        'i18n, shared (logger, png), the command table for manifests, the HTTP server they mount on, and the configuration.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^src/', pathNot: '^src/(ports|i18n|shared|commands|http)/|^src/app/config[.]ts$' },
    },
    {
      name: 'i18n-is-neutral',
      comment: 'src/i18n/ (languages, catalogs, t(), dates) builds on nothing else of the project, so every layer may use it.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: '^(src|adapters)/', pathNot: '^src/i18n/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, between modules of one folder or across folders.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo in a path is caught here before the type check).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/generated/' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    cache: false,
  },
};
