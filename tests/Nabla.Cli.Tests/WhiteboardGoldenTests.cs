namespace Nabla.Cli.Tests;

/// <summary>The whiteboard commands run in-process: the three lecture examples, one 3-2-2-1 network and one descent trace, held as golden transcripts.</summary>
public class WhiteboardGoldenTests
{
    [Fact]
    public void Explain_FirstLectureWithAscentStep_Golden()
    {
        var r = CliRunner.Run("explain", "g = -2*w1; y = w2 + g; z = y*w3", "--at", "w1=3,w2=4,w3=5", "--lr", "0.01", "--ascent");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              g = -2 * w1
              y = w2 + g
              z = y * w3
            at w1 = 3, w2 = 4, w3 = 5

            Forward pass
              g = -2 * w1 = -2 * 3 = -6
              y = w2 + g = 4 + -6 = -2
              z = y * w3 = -2 * 5 = -10

            Local derivatives
              dg/dw1 = -2
              dy/dw2 = 1
              dy/dg = 1
              dz/dy = w3 = 5
              dz/dw3 = y = -2

            Backward pass (dz/dz = 1, then each node from the output back to the inputs)
              dz/dw3 = y = -2
              dz/dy = w3 = 5
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dg = dz/dy * dy/dg = 5 * 1 = 5
              dz/dw1 = dz/dg * dg/dw1 = 5 * -2 = -10

            Chain rule
              dz/dw1 = dz/dy * dy/dg * dg/dw1 = 5 * 1 * -2 = -10
              dz/dw2 = dz/dy * dy/dw2 = 5 * 1 = 5
              dz/dw3 = y = -2

            Gradients
              variable  value  dz/dvariable
              w1            3           -10
              w2            4             5
              w3            5            -2

            Updates with lr = 0.01: w = w + lr * dz/dw (gradient ascent: moves z up)
              step 1
                w1 = 3 + 0.01 * (-10) = 2.9
                w2 = 4 + 0.01 * 5 = 4.05
                w3 = 5 + 0.01 * (-2) = 4.98
                new z = -8.715 (was -10)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_SigmoidNeuron_Golden()
    {
        var r = CliRunner.Run("explain", "f = sigmoid(w0*x0 + w1*x1 + w2)", "--at", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              f = sigmoid(w0 * x0 + w1 * x1 + w2)
            at w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3

            Forward pass
              t1 = w0 * x0 = 2 * -1 = -2
              t2 = w1 * x1 = -3 * -2 = 6
              t3 = t1 + t2 = -2 + 6 = 4
              t4 = t3 + w2 = 4 + -3 = 1
              f = sigmoid(t4) = sigmoid(1) = 0.7311

            Local derivatives
              dt1/dw0 = x0 = -1
              dt1/dx0 = w0 = 2
              dt2/dw1 = x1 = -2
              dt2/dx1 = w1 = -3
              dt3/dt1 = 1
              dt3/dt2 = 1
              dt4/dt3 = 1
              dt4/dw2 = 1
              df/dt4 = f * (1 - f) = 0.1966

            Backward pass (df/df = 1, then each node from the output back to the inputs)
              df/dt4 = f * (1 - f) = 0.1966
              df/dw2 = df/dt4 * dt4/dw2 = 0.1966 * 1 = 0.1966
              df/dt3 = df/dt4 * dt4/dt3 = 0.1966 * 1 = 0.1966
              df/dt2 = df/dt3 * dt3/dt2 = 0.1966 * 1 = 0.1966
              df/dx1 = df/dt2 * dt2/dx1 = 0.1966 * -3 = -0.5898
              df/dw1 = df/dt2 * dt2/dw1 = 0.1966 * -2 = -0.3932
              df/dt1 = df/dt3 * dt3/dt1 = 0.1966 * 1 = 0.1966
              df/dx0 = df/dt1 * dt1/dx0 = 0.1966 * 2 = 0.3932
              df/dw0 = df/dt1 * dt1/dw0 = 0.1966 * -1 = -0.1966

            Chain rule
              df/dw0 = df/dt4 * dt4/dt3 * dt3/dt1 * dt1/dw0 = 0.1966 * 1 * 1 * -1 = -0.1966
              df/dx0 = df/dt4 * dt4/dt3 * dt3/dt1 * dt1/dx0 = 0.1966 * 1 * 1 * 2 = 0.3932
              df/dw1 = df/dt4 * dt4/dt3 * dt3/dt2 * dt2/dw1 = 0.1966 * 1 * 1 * -2 = -0.3932
              df/dx1 = df/dt4 * dt4/dt3 * dt3/dt2 * dt2/dx1 = 0.1966 * 1 * 1 * -3 = -0.5898
              df/dw2 = df/dt4 * dt4/dw2 = 0.1966 * 1 = 0.1966

            Gradients
              variable  value  df/dvariable
              w0            2       -0.1966
              x0           -1        0.3932
              w1           -3       -0.3932
              x1           -2       -0.5898
              w2           -3        0.1966

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_StagedSigmoidFraction_Golden()
    {
        var r = CliRunner.Run("explain", "num = sigmoid(y) + x; den = sigmoid(x) + (x + y)^2; invden = 1/den; f = num*invden", "--at", "x=3,y=-4");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Expression
              num = sigmoid(y) + x
              den = sigmoid(x) + (x + y)^2
              invden = 1 / den
              f = num * invden
            at y = -4, x = 3

            Forward pass
              t1 = sigmoid(y) = sigmoid(-4) = 0.01799
              num = t1 + x = 0.01799 + 3 = 3.018
              t2 = sigmoid(x) = sigmoid(3) = 0.9526
              t3 = x + y = 3 + -4 = -1
              t4 = t3^2 = (-1)^2 = 1
              den = t2 + t4 = 0.9526 + 1 = 1.953
              invden = 1 / den = 1 / 1.953 = 0.5121
              f = num * invden = 3.018 * 0.5121 = 1.546

            Local derivatives
              dt1/dy = t1 * (1 - t1) = 0.01766
              dnum/dt1 = 1
              dnum/dx = 1
              dt2/dx = t2 * (1 - t2) = 0.04518
              dt3/dx = 1
              dt3/dy = 1
              dt4/dt3 = 2 * t3 = -2
              dden/dt2 = 1
              dden/dt4 = 1
              dinvden/dden = -1 / den^2 = -0.2623
              df/dnum = invden = 0.5121
              df/dinvden = num = 3.018

            Backward pass (df/df = 1, then each node from the output back to the inputs)
              df/dinvden = num = 3.018
              df/dden = df/dinvden * dinvden/dden = 3.018 * -0.2623 = -0.7916
              df/dt4 = df/dden * dden/dt4 = -0.7916 * 1 = -0.7916
              df/dt3 = df/dt4 * dt4/dt3 = -0.7916 * -2 = 1.583
              df/dt2 = df/dden * dden/dt2 = -0.7916 * 1 = -0.7916
              df/dnum = invden = 0.5121
              df/dx = df/dnum * dnum/dx + df/dt2 * dt2/dx + df/dt3 * dt3/dx = 0.5121 * 1 + -0.7916 * 0.04518 + 1.583 * 1 = 2.06
              df/dt1 = df/dnum * dnum/dt1 = 0.5121 * 1 = 0.5121
              df/dy = df/dt1 * dt1/dy + df/dt3 * dt3/dy = 0.5121 * 0.01766 + 1.583 * 1 = 1.592

            Chain rule
              df/dy = sum over 2 paths
                df/dnum * dnum/dt1 * dt1/dy = 0.5121 * 1 * 0.01766 = 0.009046
                df/dinvden * dinvden/dden * dden/dt4 * dt4/dt3 * dt3/dy = 3.018 * -0.2623 * 1 * -2 * 1 = 1.583
              df/dy = 0.009046 + 1.583 = 1.592
              df/dx = sum over 3 paths
                df/dnum * dnum/dx = 0.5121 * 1 = 0.5121
                df/dinvden * dinvden/dden * dden/dt2 * dt2/dx = 3.018 * -0.2623 * 1 * 0.04518 = -0.03576
                df/dinvden * dinvden/dden * dden/dt4 * dt4/dt3 * dt3/dx = 3.018 * -0.2623 * 1 * -2 * 1 = 1.583
              df/dx = 0.5121 + (-0.03576) + 1.583 = 2.06

            Gradients
              variable  value  df/dvariable
              y            -4         1.592
              x             3          2.06

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ExplainNet_3221SigmoidSeed1_Golden()
    {
        var r = CliRunner.Run("explain-net", "--layers", "3,2,2,1", "--activation", "sigmoid", "--bias", "false", "--seed", "1", "--x", "1,2,3", "--y", "1");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Network 3-2-2-1, f = sigmoid on every layer, no biases; loss L = (a31 - y)^2
            sample x1 = 1, x2 = 2, x3 = 3; y = 1

            Weights (seed 1: uniform in [-1, 1], rounded to 2 decimals)
              into a11: w1 = 0.41, w2 = 0.04, w3 = 0.15
              into a12: w4 = -0.22, w5 = 0.39, w6 = -0.71
              into a21: w7 = -0.86, w8 = -0.24
              into a22: w9 = 0.73, w10 = 0.1
              into a31: w11 = 0.87, w12 = 0.91

            Forward pass (z = weighted sum, a = f(z))
              a11 = f(w1*x1 + w2*x2 + w3*x3) = f(0.41*1 + 0.04*2 + 0.15*3) = f(0.94) = 0.7191
              a12 = f(w4*x1 + w5*x2 + w6*x3) = f((-0.22)*1 + 0.39*2 + (-0.71)*3) = f(-1.57) = 0.1722
              a21 = f(w7*a11 + w8*a12) = f((-0.86)*0.7191 + (-0.24)*0.1722) = f(-0.6598) = 0.3408
              a22 = f(w9*a11 + w10*a12) = f(0.73*0.7191 + 0.1*0.1722) = f(0.5422) = 0.6323
              a31 = f(w11*a21 + w12*a22) = f(0.87*0.3408 + 0.91*0.6323) = f(0.8719) = 0.7051
              L = (a31 - y)^2 = (0.7051 - 1)^2 = 0.08694

            Local derivatives (f = sigmoid, f'(z) = a * (1 - a))
              dL/da31 = 2 * (a31 - y) = 2 * (0.7051 - 1) = -0.5897
              da21/da11 = f'(z21) * w7 = 0.2247 * (-0.86) = -0.1932
              da21/da12 = f'(z21) * w8 = 0.2247 * (-0.24) = -0.05392
              da22/da11 = f'(z22) * w9 = 0.2325 * 0.73 = 0.1697
              da22/da12 = f'(z22) * w10 = 0.2325 * 0.1 = 0.02325
              da31/da21 = f'(z31) * w11 = 0.2079 * 0.87 = 0.1809
              da31/da22 = f'(z31) * w12 = 0.2079 * 0.91 = 0.1892
              da11/dw1 = f'(z11) * x1 = 0.202 * 1 = 0.202
              da11/dw2 = f'(z11) * x2 = 0.202 * 2 = 0.404
              da11/dw3 = f'(z11) * x3 = 0.202 * 3 = 0.606
              da12/dw4 = f'(z12) * x1 = 0.1426 * 1 = 0.1426
              da12/dw5 = f'(z12) * x2 = 0.1426 * 2 = 0.2851
              da12/dw6 = f'(z12) * x3 = 0.1426 * 3 = 0.4277
              da21/dw7 = f'(z21) * a11 = 0.2247 * 0.7191 = 0.1615
              da21/dw8 = f'(z21) * a12 = 0.2247 * 0.1722 = 0.03869
              da22/dw9 = f'(z22) * a11 = 0.2325 * 0.7191 = 0.1672
              da22/dw10 = f'(z22) * a12 = 0.2325 * 0.1722 = 0.04004
              da31/dw11 = f'(z31) * a21 = 0.2079 * 0.3408 = 0.07086
              da31/dw12 = f'(z31) * a22 = 0.2079 * 0.6323 = 0.1315

            Gradients by the chain rule (every path from L down to the weight; engine = Nabla's Backward)
              dL/dw1 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw1 = (-0.5897) * 0.1809 * (-0.1932) * 0.202 = 0.004163
                dL/da31 * da31/da22 * da22/da11 * da11/dw1 = (-0.5897) * 0.1892 * 0.1697 * 0.202 = -0.003825
              dL/dw1 = 0.004163 + (-0.003825) = 0.0003378   (engine 0.0003378)
              dL/dw2 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw2 = (-0.5897) * 0.1809 * (-0.1932) * 0.404 = 0.008326
                dL/da31 * da31/da22 * da22/da11 * da11/dw2 = (-0.5897) * 0.1892 * 0.1697 * 0.404 = -0.00765
              dL/dw2 = 0.008326 + (-0.00765) = 0.0006757   (engine 0.0006757)
              dL/dw3 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da11 * da11/dw3 = (-0.5897) * 0.1809 * (-0.1932) * 0.606 = 0.01249
                dL/da31 * da31/da22 * da22/da11 * da11/dw3 = (-0.5897) * 0.1892 * 0.1697 * 0.606 = -0.01148
              dL/dw3 = 0.01249 + (-0.01148) = 0.001014   (engine 0.001014)
              dL/dw4 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw4 = (-0.5897) * 0.1809 * (-0.05392) * 0.1426 = 0.0008199
                dL/da31 * da31/da22 * da22/da12 * da12/dw4 = (-0.5897) * 0.1892 * 0.02325 * 0.1426 = -0.0003698   [vanishing: gain 0.0006271]
              dL/dw4 = 0.0008199 + (-0.0003698) = 0.0004501   (engine 0.0004501)
              dL/dw5 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw5 = (-0.5897) * 0.1809 * (-0.05392) * 0.2851 = 0.00164
                dL/da31 * da31/da22 * da22/da12 * da12/dw5 = (-0.5897) * 0.1892 * 0.02325 * 0.2851 = -0.0007396   [vanishing: gain 0.0006271]
              dL/dw5 = 0.00164 + (-0.0007396) = 0.0009002   (engine 0.0009002)
              dL/dw6 = sum over 2 paths
                dL/da31 * da31/da21 * da21/da12 * da12/dw6 = (-0.5897) * 0.1809 * (-0.05392) * 0.4277 = 0.00246
                dL/da31 * da31/da22 * da22/da12 * da12/dw6 = (-0.5897) * 0.1892 * 0.02325 * 0.4277 = -0.001109   [vanishing: gain 0.0006271]
              dL/dw6 = 0.00246 + (-0.001109) = 0.00135   (engine 0.00135)
              dL/dw7 = dL/da31 * da31/da21 * da21/dw7 = (-0.5897) * 0.1809 * 0.1615 = -0.01723   (engine -0.01723)
              dL/dw8 = dL/da31 * da31/da21 * da21/dw8 = (-0.5897) * 0.1809 * 0.03869 = -0.004127   (engine -0.004127)
              dL/dw9 = dL/da31 * da31/da22 * da22/dw9 = (-0.5897) * 0.1892 * 0.1672 = -0.01865   (engine -0.01865)
              dL/dw10 = dL/da31 * da31/da22 * da22/dw10 = (-0.5897) * 0.1892 * 0.04004 = -0.004467   (engine -0.004467)
              dL/dw11 = dL/da31 * da31/dw11 = (-0.5897) * 0.07086 = -0.04179   (engine -0.04179)
              dL/dw12 = dL/da31 * da31/dw12 = (-0.5897) * 0.1315 = -0.07753   (engine -0.07753)

            Path check
              3 path(s) vanishing (|gain| < 0.001): w4, w5, w6
              (gain = product of the factors between L and the weight's own neuron, f'(z) included.)

            Update (gradient descent: w = w - lr * dL/dw, lr = 0.1)
              w1 = 0.41 - 0.1 * 0.0003378 = 0.40997
              w2 = 0.04 - 0.1 * 0.0006757 = 0.03993
              w3 = 0.15 - 0.1 * 0.001014 = 0.1499
              w4 = -0.22 - 0.1 * 0.0004501 = -0.22005
              w5 = 0.39 - 0.1 * 0.0009002 = 0.3899
              w6 = -0.71 - 0.1 * 0.00135 = -0.7101
              w7 = -0.86 - 0.1 * (-0.01723) = -0.8583
              w8 = -0.24 - 0.1 * (-0.004127) = -0.2396
              w9 = 0.73 - 0.1 * (-0.01865) = 0.7319
              w10 = 0.1 - 0.1 * (-0.004467) = 0.1004
              w11 = 0.87 - 0.1 * (-0.04179) = 0.8742
              w12 = 0.91 - 0.1 * (-0.07753) = 0.9178
              new output 0.7066; new L = 0.0861 (was 0.08694)

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Descend_BmiBatchThreeSteps_Golden()
    {
        var r = CliRunner.Run("descend", "--steps", "3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        const string expected = """
            Gradient descent on the lectures' height/weight -> BMI table (6 rows)
            model linear: bmi = w1*height_cm + w2*weight_kg + b; loss = mean squared error of the batch; mode batch; lr = 0.1
            gradients (engine Backward): dL/dwj = (2/B) * sum over the batch of error * xj, dL/db = (2/B) * sum of errors; update p = p - lr * dL/dp

            Data (features standardised: (value - mean) / std)
              row  height_cm   -> std  weight_kg    -> std    bmi
              1        168.6  -0.9492       75.1  -0.06026  26.42
              2        175.3   0.1107       71.5   -0.3206  23.27
              3        170.9  -0.5854       67.6   -0.6026  23.15
              4        186.9    1.946       99.7     1.719  28.54
              5          177   0.3797       85.7    0.7063  27.35
              6        168.9  -0.9018         56    -1.441  19.63
              height_cm: mean 174.6, std 6.321; weight_kg: mean 75.93, std 13.83

            Start: w1 = 0, w2 = 0, b = 0; loss on all rows = 620.6

            Step 1 (epoch 1): batch rows 1, 2, 3, 4, 5, 6
              row 1: prediction 0, target 26.42, error -26.42
              row 2: prediction 0, target 23.27, error -23.27
              row 3: prediction 0, target 23.15, error -23.15
              row 4: prediction 0, target 28.54, error -28.54
              row 5: prediction 0, target 27.35, error -27.35
              row 6: prediction 0, target 19.63, error -19.63
              batch loss = mean of squared errors = 620.6
              w1 = 0 - 0.1 * (-4.058) = 0.4058
              w2 = 0 - 0.1 * (-5.693) = 0.5693
              b = 0 - 0.1 * (-49.45) = 4.945
              loss on all rows after the step = 396.5

            Step 2 (epoch 2): batch rows 1, 2, 3, 4, 5, 6
              row 1: prediction 4.526, target 26.42, error -21.89
              row 2: prediction 4.808, target 23.27, error -18.46
              row 3: prediction 4.365, target 23.15, error -18.78
              row 4: prediction 6.713, target 28.54, error -21.83
              row 5: prediction 5.501, target 27.35, error -21.85
              row 6: prediction 3.759, target 19.63, error -15.87
              batch loss = mean of squared errors = 396.5
              w1 = 0.4058 - 0.1 * (-2.243) = 0.6301
              w2 = 0.5693 - 0.1 * (-3.839) = 0.9531
              b = 4.945 - 0.1 * (-39.56) = 8.902
              loss on all rows after the step = 254

            Step 3 (epoch 3): batch rows 1, 2, 3, 4, 5, 6
              row 1: prediction 8.246, target 26.42, error -18.17
              row 2: prediction 8.666, target 23.27, error -14.6
              row 3: prediction 7.958, target 23.15, error -15.19
              row 4: prediction 11.77, target 28.54, error -16.78
              row 5: prediction 9.814, target 27.35, error -17.54
              row 6: prediction 6.959, target 19.63, error -12.67
              batch loss = mean of squared errors = 254
              w1 = 0.6301 - 0.1 * (-1.118) = 0.7419
              w2 = 0.9531 - 0.1 * (-2.676) = 1.221
              b = 8.902 - 0.1 * (-31.65) = 12.07
              loss on all rows after the step = 163.1

            Loss on all rows per step
              start       620.6  ##############################
                  1       396.5  ###################
                  2         254  ############
                  3       163.1  ########

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), r.Stdout.ReplaceLineEndings("\n"));
    }
}
