export { RoleplayModule, roleplayEntities } from './roleplay.module';
export { ROLEPLAY_NAMESPACE } from './roleplay.gateway';
export { SessionsService, type SessionView } from './sessions.service';
export { EventLog, type Committed } from './event-log';
export type { SessionRow } from './sessions.repository';
export { MAX_TEXT_LENGTH } from './dto/socket-payloads';
export { RoleplaySession } from './entities/roleplay-session.entity';
