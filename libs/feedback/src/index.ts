export { FeedbackModule, feedbackEntities } from './feedback.module';
export {
  RatingsService,
  SCORE_LABELS,
  PRODUCT_TEAM_QUESTION,
  type RatingView,
} from './ratings.service';
export { ShadowingService, SHADOW_LINK_LIFETIME_MS } from './shadowing.service';
export { Rating, RECOMMENDATIONS, type Recommendation } from './entities/rating.entity';
export {
  ShadowFeedback,
  SHADOW_QUESTIONS,
  type ShadowQuestion,
} from './entities/shadow-feedback.entity';
