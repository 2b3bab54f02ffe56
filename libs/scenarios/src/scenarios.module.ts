import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HelpArticle } from './entities/help-article.entity';
import { ScenarioVersion } from './entities/scenario-version.entity';
import { HelpCenterController } from './help-center/help-center.controller';
import { HelpCenterService } from './help-center/help-center.service';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

export const scenarioEntities = [HelpArticle, ScenarioVersion];

/** Scenario scripts and the help center, loaded from HOTSEAT_SCENARIOS_DIR at start. */
@Module({
  imports: [TypeOrmModule.forFeature(scenarioEntities)],
  controllers: [ScenariosController, HelpCenterController],
  providers: [ScenariosService, HelpCenterService],
  exports: [ScenariosService, HelpCenterService],
})
export class ScenariosModule {}
