export { HotseatConfigModule } from './config.module';
export {
  Environment,
  InvalidEnvironmentError,
  loadEnvironment,
  MIN_PASSWORD_LENGTH,
  LOG_FORMATS,
  LOG_LEVELS,
} from './environment';
