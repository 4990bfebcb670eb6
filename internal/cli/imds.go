//go:build !pmonly

package cli

import (
	"errors"
	"fmt"
	"net"
	"net/http"

	"github.com/nimbus-linux/nimbus/internal/imds"
	"github.com/spf13/cobra"
)

// newIMDSCmd groups the instance metadata commands: a local IMDSv2 server and the relay
// QEMU's guestfwd runs to carry one guest connection to it.
func newIMDSCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "imds",
		Short: "Serve EC2 instance metadata (IMDSv2) locally",
	}
	cmd.AddCommand(newIMDSServeCmd(e), newIMDSRelayCmd(e))
	return cmd
}

func newIMDSServeCmd(e *env) *cobra.Command {
	var listen, config string
	cmd := &cobra.Command{
		Use:   "serve --listen 127.0.0.1:PORT --config INSTANCE.yaml",
		Short: "Serve an instance's metadata with EC2's IMDSv2 semantics",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := imds.LoadInstance(config)
			if err != nil {
				return err
			}
			host, _, err := net.SplitHostPort(listen)
			if err != nil {
				return fmt.Errorf("--listen: %w", err)
			}
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("--listen %s: only loopback addresses are served", listen)
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "serving instance %s on http://%s\n", in.InstanceID, ln.Addr())
			srv := imds.HTTPServer(imds.NewServer(in, nil))
			go func() {
				<-e.ctx.Done()
				_ = srv.Close()
			}()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8169", "loopback address to listen on")
	cmd.Flags().StringVar(&config, "config", "", "instance description (YAML)")
	_ = cmd.MarkFlagRequired("config")
	return cmd
}

func newIMDSRelayCmd(e *env) *cobra.Command {
	var to string
	cmd := &cobra.Command{
		Use:    "relay --to 127.0.0.1:PORT",
		Short:  "Relay stdin/stdout to a loopback IMDS server (for QEMU guestfwd cmd:)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return imds.Relay(e.ctx, to, e.stdin, e.stdout)
		},
	}
	cmd.Flags().StringVar(&to, "to", "127.0.0.1:8169", "loopback address of the IMDS server")
	return cmd
}
