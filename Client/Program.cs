using Orleans.Betting.Client;

return await ClientProgram.RunAsync(args);
