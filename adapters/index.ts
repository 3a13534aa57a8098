/** The adapters `npm start` runs; each decides from the config whether it is enabled. */
import type { AdapterFactory } from '../src/ports/adapter.ts';
import { consoleAdapter } from './console/console-adapter.ts';
import { slackAdapter } from './slack/slack-app.ts';
import { teamsAdapter } from './teams/teams-adapter.ts';

export const defaultAdapters: AdapterFactory[] = [consoleAdapter, slackAdapter, teamsAdapter];
