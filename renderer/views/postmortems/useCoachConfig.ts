// The blameless coach's rules, with the team's names added (people cast as culprits are flagged).

import { useEffect, useState } from 'react';
import { defaultCoachConfig, type CoachConfig } from '../../../shared/domain/blameless/rules';
import { coachNames } from '../../state/people';

export function useCoachConfig(): CoachConfig {
  const [config, setConfig] = useState<CoachConfig>(defaultCoachConfig);
  useEffect(() => {
    void coachNames().then((names) =>
      setConfig({ ...defaultCoachConfig, names: [...defaultCoachConfig.names, ...names] }),
    );
  }, []);
  return config;
}
