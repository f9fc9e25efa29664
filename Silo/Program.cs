using Orleans.Betting.Silo.Hosting;

return await SiloProgram.RunAsync(args);
