export { HotseatConfigModule } from './config.module';
export {
  Environment,
  InvalidEnvironmentError,
  loadEnvironment,
  LOG_FORMATS,
  LOG_LEVELS,
} from './environment';
