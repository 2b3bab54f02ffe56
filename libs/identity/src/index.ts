export { IdentityModule, identityEntities } from './identity.module';
export { AuthService, LOGIN_LIFETIME_MS } from './auth.service';
export { CapabilityLinksService, MAX_LINK_LIFETIME_MS } from './capability-links.service';
export { UsersService } from './users.service';
export { Revocations, type Revocation } from './revocations';
export { User } from './entities/user.entity';
export { CapabilityLink } from './entities/capability-link.entity';
export { CreateUserDto } from './dto/create-user.dto';
export {
  Public,
  SignedIn,
  Roles,
  Guests,
  CurrentPrincipal,
  CurrentStaff,
} from './access.decorators';
export { AccessGuard, CSRF_HEADER, CSRF_FIELD } from './access.guard';
export { LOGIN_COOKIE } from './login-cookie';
export { guardSockets } from './socket-authentication';
export type { AuthenticatedSocket } from './access.decorators';
export { seesEverything, canGiveShadowFeedback, requireAccess } from './access-policy';
export { LINK_NO_LONGER_VALID, LOGIN_ENDED, WRONG_CREDENTIALS } from './identity.errors';
export { DEMO_ADMIN_EMAIL, FirstAdmin } from './first-admin';
export {
  STAFF_ROLES,
  LINK_SCOPES,
  type StaffRole,
  type LinkScope,
  type Principal,
  type StaffPrincipal,
  type GuestPrincipal,
} from './principal';
