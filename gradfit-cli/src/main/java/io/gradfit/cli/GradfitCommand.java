package io.gradfit.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The root command, {@code gradfit}. It does nothing by itself: run with no command it prints its
 * usage to standard error and returns exit code 2, like other usage errors (git and most GNU-style
 * tools behave the same way), so scripts notice a forgotten command.
 *
 * <p>New commands are added to {@code subcommands} below; build the command line with {@link
 * Main#newCommandLine()} so that they get gradfit's error handling.
 */
@Command(
    name = "gradfit",
    mixinStandardHelpOptions = true,
    versionProvider = GradfitVersion.class,
    description = {
      "Fits linear models to data by gradient descent, on a small tensor and reverse-mode"
          + " autograd engine, and draws charts of what the model learned and how the loss went"
          + " down.",
    },
    subcommands = {
      io.gradfit.cli.lesson.LessonCommand.class,
      io.gradfit.cli.fit.FitCommand.class,
      io.gradfit.cli.predict.PredictCommand.class,
      io.gradfit.cli.sweep.SweepCommand.class,
      io.gradfit.cli.surface.SurfaceCommand.class,
      io.gradfit.cli.play.PlayCommand.class,
      io.gradfit.cli.notebook.NotebookCommand.class,
      HelpCommand.class
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:internal error (a bug: set GRADFIT_DEBUG=1 to see the stack trace)",
      "2:usage error, bad input, or an output file that cannot be written",
      "3:gradfit fit: training diverged",
    },
    footer = {
      "",
      "Run 'gradfit help COMMAND' or 'gradfit COMMAND --help' for a command's options."
    })
public final class GradfitCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** No command given: print the usage to standard error and report a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return UserError.DEFAULT_EXIT_CODE;
  }
}
