import express, { type Request, type Router } from 'express';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { bearerCheck } from '../http/bearerCheck.js';
import { ADMIN_BODY_LIMIT, jsonBody } from '../http/jsonBody.js';
import type { ListOptions } from '../store/types.js';
import { createMaintenanceRouter } from './maintenance.js';
import { deletePolicy, listPolicies, putPolicy, showPolicy } from './policies.js';
import { createOidcProvider, listOidcProviders, removeOidcProvider, showOidcProvider } from './oidcProviders.js';
import {
  attachRolePolicy, createRole, detachRolePolicy, listRoles, putTrustPolicy, removeRole, revokeRoleSessions, showRole,
} from './roles.js';
import { listSessions, revokeSession, revokeUserSessions } from './sessions.js';
import { attachPolicy, createUser, detachPolicy, listUsers, removeUser, showUser } from './users.js';

/** `/admin/v1/*`: handlers parse, call one service function, render. */
export function createAdminRouter(deps: Deps): Router {
  const router = express.Router();
  const bearer = bearerCheck(deps.config.adminToken);
  router.use((req, _res, next) => {
    if (!bearer(req.headers.authorization)) {
      throw new AppError('Unauthorized', 'a valid admin bearer token is required');
    }
    next();
  });
  router.use(createMaintenanceRouter(deps));
  router.use(express.raw({ type: () => true, limit: ADMIN_BODY_LIMIT }));

  router.get('/users', async (req, res) => {
    res.json(await listUsers(deps, listOptions(req)));
  });
  router.post('/users', async (req, res) => {
    res.status(201).json(await createUser(deps, jsonBody(req)));
  });
  router.get('/users/:user', async (req, res) => {
    res.json(await showUser(deps, param(req, 'user')));
  });
  router.delete('/users/:user', async (req, res) => {
    await removeUser(deps, param(req, 'user'));
    res.status(204).end();
  });
  router.put('/users/:user/policy', async (req, res) => {
    res.json(await attachPolicy(deps, param(req, 'user'), jsonBody(req)));
  });
  router.delete('/users/:user/policy', async (req, res) => {
    res.json(await detachPolicy(deps, param(req, 'user')));
  });
  router.delete('/users/:user/sessions', async (req, res) => {
    res.json(await revokeUserSessions(deps, param(req, 'user')));
  });

  router.get('/policies', async (req, res) => {
    res.json(await listPolicies(deps, listOptions(req)));
  });
  router.get('/policies/:name', async (req, res) => {
    res.json(await showPolicy(deps, param(req, 'name')));
  });
  router.put('/policies/:name', async (req, res) => {
    const { created, view, warnings } = await putPolicy(deps, param(req, 'name'), jsonBody(req));
    res.status(created ? 201 : 200).json({ ...view, warnings });
  });
  router.delete('/policies/:name', async (req, res) => {
    await deletePolicy(deps, param(req, 'name'));
    res.status(204).end();
  });

  router.get('/roles', async (req, res) => {
    res.json(await listRoles(deps, listOptions(req)));
  });
  router.post('/roles', async (req, res) => {
    res.status(201).json(await createRole(deps, jsonBody(req)));
  });
  router.get('/roles/:role', async (req, res) => {
    res.json(await showRole(deps, param(req, 'role')));
  });
  router.delete('/roles/:role', async (req, res) => {
    await removeRole(deps, param(req, 'role'));
    res.status(204).end();
  });
  router.put('/roles/:role/trust-policy', async (req, res) => {
    res.json(await putTrustPolicy(deps, param(req, 'role'), jsonBody(req)));
  });
  router.put('/roles/:role/policy', async (req, res) => {
    res.json(await attachRolePolicy(deps, param(req, 'role'), jsonBody(req)));
  });
  router.delete('/roles/:role/policy', async (req, res) => {
    res.json(await detachRolePolicy(deps, param(req, 'role')));
  });
  router.delete('/roles/:role/sessions', async (req, res) => {
    res.json(await revokeRoleSessions(deps, param(req, 'role')));
  });

  router.get('/oidc-providers', async (req, res) => {
    res.json(await listOidcProviders(deps, listOptions(req)));
  });
  router.post('/oidc-providers', async (req, res) => {
    res.status(201).json(await createOidcProvider(deps, jsonBody(req)));
  });
  router.get('/oidc-providers/:key', async (req, res) => {
    res.json(await showOidcProvider(deps, param(req, 'key')));
  });
  router.delete('/oidc-providers/:key', async (req, res) => {
    await removeOidcProvider(deps, param(req, 'key'));
    res.status(204).end();
  });

  router.get('/sessions', async (req, res) => {
    const owner = { user: queryString(req, 'user'), role: queryString(req, 'role') };
    res.json(await listSessions(deps, owner, listOptions(req)));
  });
  router.delete('/sessions/:accessKeyId', async (req, res) => {
    await revokeSession(deps, param(req, 'accessKeyId'));
    res.status(204).end();
  });
  return router;
}

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new AppError('ValidationError', `${name} must be given once`, { details: { field: name } });
  return value;
}

const MAX_PAGE = 1000;

function listOptions(req: Request): ListOptions {
  const limitText = queryString(req, 'limit');
  const cursor = queryString(req, 'cursor');
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_PAGE) {
      throw new AppError('ValidationError', `limit must be an integer from 1 to ${MAX_PAGE}`, { details: { field: 'limit' } });
    }
  }
  return { ...(limit === undefined ? {} : { limit }), ...(cursor === undefined ? {} : { cursor }) };
}
