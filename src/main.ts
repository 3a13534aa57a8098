/**
 * Process entry point (`npm start`): runs the composition root in src/app/. Kept at this path
 * because `npm start`, the benchmarks and the deployment notes start `src/main.ts`.
 */
import './app/main.ts';
