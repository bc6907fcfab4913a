import type { ApprovalPolicy } from '@fleetpush/config';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import express, { Router } from 'express';
import { requireRole, principalOf } from './auth';
import { notFound } from './errors';

/** How the API serves the web UI. */
export interface WebUiOptions {
  /** Directory of the built UI (`index.html` and `assets/`); absent = no UI is served. */
  readonly root?: string;
  /** Where browsers reach the gateway; absent = the page's own origin. */
  readonly gatewayUrl?: string;
}

/** Hashed bundles never change under one name: a year of caching is safe. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * The UI's static files and the SPA fallback: any `GET` outside `/api` that is not a file
 * answers `index.html` (never cached, so a deploy is picked up at the next load).
 */
export function webUiRoutes(options: WebUiOptions): Router {
  const router = Router();
  const root = options.root;
  if (!root || !existsSync(path.join(root, 'index.html'))) return router;
  router.use(
    '/assets',
    express.static(path.join(root, 'assets'), {
      immutable: true,
      maxAge: ASSET_MAX_AGE_MS,
    }),
  );
  // A missing bundle is a 404, never the index page (which the browser would run as script).
  router.use('/assets', (req) => {
    throw notFound(`asset ${req.path}`);
  });
  router.use(express.static(root, { index: false, redirect: false }));
  router.get(/^\/(?!api\/|api$|healthz$|readyz$).*/, (_req, res) => {
    res.set('cache-control', 'no-cache');
    res.sendFile(path.join(root, 'index.html'));
  });
  return router;
}

/**
 * `GET /api/v1/ui-config` (viewer): where the gateway is, who the token is, and which jobs wait
 * for a second person's approval.
 */
export function uiConfigRoute(options: WebUiOptions, approvalPolicy: ApprovalPolicy): Router {
  const router = Router();
  router.get('/ui-config', requireRole('viewer'), (_req, res) => {
    const { name, role } = principalOf(res);
    res.json({ gatewayUrl: options.gatewayUrl ?? null, principal: { name, role }, approvalPolicy });
  });
  return router;
}

/** The gateway origins the page may connect to (for the Content-Security-Policy). */
export function connectSources(gatewayUrl: string | undefined): string[] {
  if (!gatewayUrl) return ["'self'"];
  const origin = new URL(gatewayUrl).origin;
  return ["'self'", origin, origin.replace(/^http/, 'ws')];
}
